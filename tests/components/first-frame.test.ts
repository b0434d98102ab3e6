/**
 * The first frame the widget's entry paints without Lit must be the element's own first render, so that
 * the agent sees nothing change when the element takes over; and the element must take it over cleanly.
 */
import {expect, fixture, html} from '@open-wc/testing';
import {AgentAssist} from '../../src/components/agent-assist/agent-assist.js';
import {paintFirstFrame, paintUnavailable} from '../../src/components/agent-assist/first-frame.js';
import {uiStrings} from '../../src/i18n/strings.js';
import {defineElements} from '../../widget/define-elements.js';
import {DIST_PACK} from './harness.js';

defineElements();

/** A node as what it shows: tags, attributes (classes sorted), text; not Lit's markers or whitespace. */
function shown(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return (node.textContent ?? '').trim();
  if (!(node instanceof Element)) return '';
  const attributes = [...node.attributes]
    .map((a) => [
      a.name,
      a.name === 'class' ? a.value.split(/\s+/).filter(Boolean).sort().join(' ') : a.value,
    ])
    .filter(([name, value]) => name !== 'class' || value !== '')
    .sort(([a], [b]) => (a! < b! ? -1 : 1))
    .map(([name, value]) => `${name}="${value}"`);
  const children = [...node.childNodes].map(shown).filter(Boolean);
  return `<${[node.localName, ...attributes].join(' ')}>${children.join('')}</${node.localName}>`;
}

const describeRoot = (root: ShadowRoot) => [...root.childNodes].map(shown).filter(Boolean).join('');

const ONLINE = {languages: navigator.languages, online: true};

/** The element's first render for `attributes` (before its core has loaded, as the entry paints it). */
async function litFirstRender(attributes: Record<string, string>): Promise<string> {
  const el = document.createElement('agent-assist') as AgentAssist;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  const parent = await fixture(html`<div></div>`);
  parent.append(el);
  await el.updateComplete;
  // (Read at once: the core loads in a task after the first render, and renders again.)
  return describeRoot(el.shadowRoot!);
}

/** The entry's painted frame for `attributes`, on a plain element. */
function painted(attributes: Record<string, string>, packToLoad: boolean): string {
  const host = document.createElement('div');
  for (const [name, value] of Object.entries(attributes)) host.setAttribute(name, value);
  expect(paintFirstFrame(host, {...ONLINE, packToLoad})).to.equal(true);
  return describeRoot(host.shadowRoot!);
}

describe('the first frame (painted by the entry, without Lit)', () => {
  const cases: Array<Record<string, string>> = [
    {},
    {lang: 'en'},
    {lang: 'zh-CN', 'agent-id': 'a-1024'},
    {lang: 'zh-Hans-CN', section: 'checklist'},
    {section: 'script', 'agent-id': '  agent 7  '},
    {section: 'QA', theme: 'dark'},
    // Invalid values fall back as the element's do (the element reports them once it has rendered).
    {lang: 'fr', section: 'nowhere', 'agent-id': ''},
  ];
  for (const attributes of cases) {
    it(`should be the element's first render for ${JSON.stringify(attributes)}`, async () => {
      const withPack = {...attributes, 'pack-url': DIST_PACK};
      const expected = await litFirstRender(withPack);
      expect(expected).to.contain('role="tablist"');
      expect(painted(withPack, true)).to.equal(expected);
    });
  }

  it('should say there is no pack as the element does when none will load', async () => {
    // (No pack-url, and no default pack: the tests do not load the widget's entry.)
    expect(AgentAssist.defaultPackUrl).to.equal(null);
    const expected = await litFirstRender({lang: 'en'});
    expect(expected).to.contain(uiStrings('en').noPack);
    expect(painted({lang: 'en'}, false)).to.equal(expected);
  });

  it('should show the status as offline when the browser says so', () => {
    const host = document.createElement('div');
    paintFirstFrame(host, {languages: ['zh-CN'], online: false, packToLoad: true});
    const status = host.shadowRoot!.querySelector('[role=status]')!;
    expect(status.textContent).to.equal(uiStrings('zh-CN').offline);
    expect(status.querySelector('.dot')!.classList.contains('offline')).to.equal(true);
  });

  it('should use the element’s stylesheets, and leave a rendered or painted element alone', () => {
    const host = document.createElement('div');
    paintFirstFrame(host, {...ONLINE, packToLoad: true});
    const sheets = host.shadowRoot!.adoptedStyleSheets;
    const rules = (list: readonly CSSStyleSheet[]) =>
      list.flatMap((s) => [...s.cssRules].map((r) => r.cssText));
    const elementSheets = AgentAssist.elementStyles.map((s) =>
      s instanceof CSSStyleSheet ? s : s.styleSheet!
    );
    expect(rules(sheets)).to.deep.equal(rules(elementSheets));
    const before = host.shadowRoot!.innerHTML;
    expect(paintFirstFrame(host, {...ONLINE, packToLoad: true})).to.equal(false);
    expect(host.shadowRoot!.innerHTML).to.equal(before);
  });

  it('should say the widget could not be loaded in place of "Loading…"', () => {
    const host = document.createElement('div');
    host.setAttribute('lang', 'zh-CN');
    paintFirstFrame(host, {...ONLINE, packToLoad: true});
    paintUnavailable(host, ONLINE);
    const note = host.shadowRoot!.querySelector('#panel-knowledge > p')!;
    expect(note.textContent).to.equal(uiStrings('zh-CN').widgetUnavailable);
    expect(note.getAttribute('role')).to.equal('alert');
  });

  it('should be taken over by the element when it upgrades, keeping focus on the same tab', async () => {
    // A tag of its own, defined only once the frame is painted, as the entry's element is.
    const tag = 'aa-first-frame-upgrade';
    const el = document.createElement(tag);
    el.setAttribute('lang', 'en');
    el.setAttribute('pack-url', DIST_PACK);
    (await fixture(html`<div></div>`)).append(el);
    paintFirstFrame(el, {...ONLINE, packToLoad: true});
    const root = el.shadowRoot!;
    root.querySelector<HTMLElement>('#tab-checklist')!.focus();
    expect(root.activeElement?.id).to.equal('tab-checklist');

    customElements.define(tag, class extends AgentAssist {});
    const upgraded = el as AgentAssist;
    await upgraded.updateComplete;
    // One frame, Lit's: the painted one is gone, and Lit's render is the same as the painted one was.
    expect(upgraded.shadowRoot).to.equal(root);
    expect(root.querySelectorAll('[part=base]').length).to.equal(1);
    expect(describeRoot(root)).to.equal(await litFirstRender({lang: 'en', 'pack-url': DIST_PACK}));
    await upgraded.updateComplete;
    expect(root.activeElement?.id).to.equal('tab-checklist');
    // And it works: the tabs answer.
    root.querySelector<HTMLElement>('#tab-script')!.click();
    await upgraded.updateComplete;
    expect(root.querySelector('#tab-script')!.getAttribute('aria-selected')).to.equal('true');
  });
});
