/**
 * What ships for integrators besides the script (npm test builds dist/ first): the bundled types
 * `dist/agent-assist.d.ts`, checked by compiling an integrator's strict project against the package's
 * `exports` (tests/fixtures/consumer/), and the custom elements manifest `dist/custom-elements.json`.
 */
import {expect} from '@open-wc/testing';
import {longCommand} from './long-command.js';

interface Diagnostic {
  file: string | null;
  line: number;
  code: number;
  message: string;
  lineText: string;
}

const CONSUMER = 'tests/fixtures/consumer';

/** Every diagnostic `tsc -p tests/fixtures/consumer` reports, compiled once for the whole file. */
let compiled: Promise<Diagnostic[]> | undefined;
const consumerDiagnostics = () =>
  (compiled ??= longCommand<{diagnostics: Diagnostic[]}>('aa-typecheck', {
    project: `${CONSUMER}/tsconfig.json`,
  }).then((r) => r.diagnostics));

const show = (ds: Diagnostic[]) => ds.map((d) => `${d.file}:${d.line} TS${d.code} ${d.message}`).join('\n');

describe('dist/agent-assist.d.ts', function () {
  // One TypeScript program over the consumer, lit's types and the bundled declaration: seconds, not ms.
  this.timeout(120_000);

  it('should type an integrator’s use of every method and event with no diagnostic', async () => {
    const ds = (await consumerDiagnostics()).filter((d) => d.file !== `${CONSUMER}/mistakes.ts`);
    expect(ds, show(ds)).to.deep.equal([]);
  });

  it('should reject an integrator’s mistakes, each on its own line', async () => {
    const ds = (await consumerDiagnostics()).filter((d) => d.file === `${CONSUMER}/mistakes.ts`);
    // [what the line contains, the error expected there]
    const expected: [string, number, string][] = [
      ['e.detail.scoore', 2551, "'scoore' does not exist on type 'AdherenceReport'"],
      ['e.detail.stepID', 2551, "Did you mean 'stepId'?"],
      ['startCall({callId: 5})', 2322, "'number' is not assignable to type 'string'"],
      ['el.checkItem();', 2554, 'but got 0'],
      ["{source: 'ivr'}", 2322, `'"ivr"' is not assignable`],
      ["{format: 'xml'}", 2322, `'"xml"' is not assignable`],
      ['.startCal()', 2551, "Did you mean 'startCall'?"],
    ];
    for (const [text, code, message] of expected) {
      const found = ds.filter((d) => d.lineText.includes(text));
      expect(
        found.map((d) => d.code),
        `${text}\n${show(ds)}`
      ).to.deep.equal([code]);
      expect(found[0]!.message, text).to.include(message);
    }
    // Nothing else: an error elsewhere would mean the types are broken rather than the mistakes caught.
    expect(ds.length, show(ds)).to.equal(expected.length);
  });
});

interface Named {
  name: string;
  description?: string;
}
interface ManifestClass {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  attributes?: (Named & {fieldName?: string})[];
  members?: (Named & {kind: string; privacy?: string; static?: boolean})[];
  events?: (Named & {type?: {text: string}})[];
  cssParts?: Named[];
  cssProperties?: Named[];
}
interface Manifest {
  schemaVersion: string;
  modules: {path: string; declarations?: ManifestClass[]; exports?: {kind: string; name: string}[]}[];
}

const ATTRIBUTES = [
  'agent-id',
  'lang',
  'theme',
  'queue',
  'pack-url',
  'sync-url',
  'retention-days',
  'section',
];
const METHODS = [
  'startCall',
  'endCall',
  'setContext',
  'search',
  'listScripts',
  'openArticle',
  'completeStep',
  'checkItem',
  'skipItem',
  'getCall',
  'exportLog',
  'verifyLog',
  'refreshContent',
];
const EVENTS = [
  'aa-call-start',
  'aa-step-change',
  'aa-checklist-change',
  'aa-call-end',
  'aa-article-open',
  'aa-search',
  'aa-content-update',
  'aa-error',
];

describe('dist/custom-elements.json', () => {
  let manifest: Manifest;
  let element: ManifestClass;

  before(async () => {
    // package.json's `customElements` names it, and `exports` ships it.
    const pkg = (await (await fetch('/package.json')).json()) as {
      customElements: string;
      exports: Record<string, unknown>;
    };
    expect(pkg.customElements).to.equal('dist/custom-elements.json');
    expect(pkg.exports['./custom-elements.json']).to.equal('./dist/custom-elements.json');
    manifest = (await (await fetch(`/${pkg.customElements}`, {cache: 'no-store'})).json()) as Manifest;
    const found = manifest.modules
      .flatMap((m) => m.declarations ?? [])
      .find((d) => d.tagName === 'agent-assist');
    expect(found, 'a declaration with tagName agent-assist').to.not.equal(undefined);
    element = found!;
  });

  it('should describe <agent-assist> in the module integrators load', () => {
    const mod = manifest.modules.find((m) => m.declarations?.includes(element))!;
    expect(mod.path).to.equal('dist/agent-assist.js');
    expect(mod.exports).to.deep.include({
      kind: 'custom-element-definition',
      name: 'agent-assist',
      declaration: {name: 'AgentAssist', module: 'dist/agent-assist.js'},
    });
    expect(element.customElement).to.equal(true);
  });

  it('should list its attributes, and no internal state as an attribute', () => {
    const names = (element.attributes ?? []).map((a) => a.name);
    expect(names).to.include.members(ATTRIBUTES);
    expect(names.filter((n) => n.startsWith('_'))).to.deep.equal([]);
  });

  it('should list its public methods and no private member', () => {
    const members = element.members ?? [];
    const methods = members.filter((m) => m.kind === 'method' && !m.static).map((m) => m.name);
    expect(methods).to.include.members(METHODS);
    const internal = members.filter((m) => m.name.startsWith('_') || (m.privacy && m.privacy !== 'public'));
    expect(internal.map((m) => m.name)).to.deep.equal([]);
  });

  it('should list its events, each documented with @fires and typed with its detail', () => {
    const events = element.events ?? [];
    expect(events.map((e) => e.name)).to.include.members(EVENTS);
    for (const name of EVENTS) {
      const event = events.find((e) => e.name === name)!;
      expect(event.description ?? '', `@fires ${name}`).to.not.equal('');
      expect(event.type?.text).to.equal(`CustomEvent<AaEventDetailMap['${name}']>`);
    }
  });

  it('should list its parts and CSS custom properties', () => {
    expect((element.cssParts ?? []).map((p) => p.name)).to.include.members([
      'base',
      'header',
      'tabs',
      'panel',
    ]);
    const props = (element.cssProperties ?? []).map((p) => p.name);
    expect(props.length).to.be.greaterThan(0);
    expect(props.every((p) => p.startsWith('--aa-'))).to.equal(true);
  });
});
