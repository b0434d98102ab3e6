/**
 * @custom-elements-manifest/analyzer configuration: `npm run build` writes `dist/custom-elements.json`
 * (src/build/integrator-files-plugin.ts runs `cem analyze`), the manifest IDEs and docs tools read.
 * It describes the public element only, as integrators load it: `<agent-assist>` from
 * `dist/agent-assist.js`, with its attributes, public methods and properties, events, parts and CSS
 * properties (from the class's JSDoc: `@summary`, `@fires`, `@csspart`, `@cssproperty`).
 */
import {readFileSync} from 'node:fs';

/** Public elements: class → tag (the tags are defined in widget/define-elements.ts, not in the class). */
const PUBLIC_ELEMENTS = {AgentAssist: 'agent-assist'};
/** The built module that defines them, as package.json's `exports` ships it. */
const SHIPPED_MODULE = 'dist/agent-assist.js';

/** The public event names, from the `AaEventDetailMap` interface (each has a typed `detail` there). */
function publicEventNames() {
  const source = readFileSync(new URL('./src/events/aa-event.ts', import.meta.url), 'utf8');
  const body = /export interface AaEventDetailMap \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
  return new Set([...body.matchAll(/^\s*'(aa-[a-z-]+)'\s*:/gm)].map((m) => m[1]));
}

/** Whether a member or attribute belongs to the element's internals (`_x`, private, protected, state). */
const isInternal = (m) =>
  m.name.startsWith('_') ||
  m.fieldName?.startsWith('_') ||
  m.privacy === 'private' ||
  m.privacy === 'protected';

/**
 * Fits the analyzer's output to what ships: tag names; public members only; events the element
 * dispatches through `createAaEvent('aa-…', …)` even where a `@fires` tag is missing; each public event
 * typed as `CustomEvent<AaEventDetailMap['aa-…']>`; one module, `dist/agent-assist.js`.
 */
function agentAssistPlugin() {
  const eventNames = publicEventNames();
  return {
    name: 'agent-assist:public-surface',
    analyzePhase({ts, node, moduleDoc}) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const decl = moduleDoc.declarations?.find((d) => d.name === node.name.text);
      if (!decl) return;
      const visit = (n) => {
        if (
          ts.isCallExpression(n) &&
          ts.isIdentifier(n.expression) &&
          n.expression.text === 'createAaEvent' &&
          n.arguments[0] &&
          ts.isStringLiteralLike(n.arguments[0])
        ) {
          const name = n.arguments[0].text;
          decl.events ??= [];
          if (!decl.events.some((e) => e.name === name)) decl.events.push({name});
        }
        ts.forEachChild(n, visit);
      };
      visit(node);
    },
    packageLinkPhase({customElementsManifest}) {
      const modules = [];
      for (const mod of customElementsManifest.modules) {
        const declarations = (mod.declarations ?? []).filter(
          (d) => d.kind === 'class' && PUBLIC_ELEMENTS[d.name]
        );
        for (const d of declarations) {
          d.tagName ??= PUBLIC_ELEMENTS[d.name];
          d.customElement = true;
          d.members = (d.members ?? []).filter((m) => !isInternal(m));
          d.attributes = (d.attributes ?? []).filter((a) => !isInternal(a));
          for (const e of d.events ?? []) {
            if (eventNames.has(e.name)) e.type = {text: `CustomEvent<AaEventDetailMap['${e.name}']>`};
          }
        }
        if (declarations.length === 0) continue;
        modules.push({
          kind: 'javascript-module',
          path: SHIPPED_MODULE,
          declarations,
          exports: declarations.flatMap((d) => [
            {kind: 'js', name: d.name, declaration: {name: d.name, module: SHIPPED_MODULE}},
            {
              kind: 'custom-element-definition',
              name: d.tagName,
              declaration: {name: d.name, module: SHIPPED_MODULE},
            },
          ]),
        });
      }
      customElementsManifest.modules = modules;
    },
  };
}

export default {
  globs: ['src/components/agent-assist/agent-assist.ts'],
  outdir: 'dist',
  litelement: true,
  // Never write `customElements` into package.json: it is set there by hand.
  packagejson: false,
  plugins: [agentAssistPlugin()],
};
