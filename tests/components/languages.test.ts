/**
 * Switching `lang` live (README, Languages): every view re-renders in the new language at once, mid-call,
 * with nothing of the old language's UI text left (the content keeps its own language).
 */
import {expect, waitUntil} from '@open-wc/testing';
import type {AgentAssist} from '../../src/components/agent-assist/agent-assist.js';
import {uiStrings} from '../../src/i18n/strings.js';
import type {UiStrings} from '../../src/i18n/strings.js';
import {defineElements} from '../../widget/define-elements.js';
import {mountForCalls, shell} from './harness.js';

const DIST_PACK = '/dist/kb/manifest.json';
const SECTIONS = ['knowledge', 'script', 'checklist', 'qa'];

/** Every text node and label attribute of the element and of the shadow roots inside it, trimmed. */
function uiTexts(root: Element | ShadowRoot, out = new Set<string>()): Set<string> {
  for (const node of root.querySelectorAll('*')) {
    for (const attr of ['aria-label', 'title', 'placeholder']) {
      const value = node.getAttribute(attr)?.trim();
      if (value) out.add(value);
    }
    for (const child of node.childNodes) {
      const value = child.nodeType === Node.TEXT_NODE ? child.textContent!.replace(/\s+/g, ' ').trim() : '';
      if (value) out.add(value);
    }
    if (node.shadowRoot) uiTexts(node.shadowRoot, out);
  }
  return out;
}

/** The UI's own texts (the tables' plain strings), by key path, in one language. */
function plainStrings(s: UiStrings): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'string') out.set(path, v);
    else if (typeof v === 'object' && v !== null)
      for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(s, '');
  return out;
}

/** Shows each section in turn (the QA view renders only when shown) and collects what is on screen. */
async function everySection(el: AgentAssist): Promise<Set<string>> {
  const texts = new Set<string>();
  for (const section of SECTIONS) {
    shell(el).querySelector<HTMLElement>(`#tab-${section}`)!.click();
    await el.updateComplete;
    if (section === 'qa') await customElements.whenDefined('aa-qa-view');
    const view = shell(el).querySelector(`#panel-${section} > :not(h2)`) as {
      updateComplete?: Promise<unknown>;
    };
    await view?.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    for (const t of uiTexts(shell(el))) texts.add(t);
  }
  return texts;
}

describe('<agent-assist> languages', function () {
  this.timeout(30_000);
  before(() => defineElements());

  it('should re-render every view in the new language when lang changes mid-call, and back', async () => {
    const el = await mountForCalls({agentId: `a-lang-${Date.now()}`, queue: 'billing', packUrl: DIST_PACK});
    const {callId} = await el.startCall({scriptId: 'billing-inbound', context: {customer: {name: 'Li Wei'}}});
    await el.checkItem('greeting');
    await el.skipItem('data-consent', 'Customer in a hurry');
    const english = await everySection(el);

    el.setAttribute('lang', 'zh-CN');
    await el.updateComplete;
    const chinese = await everySection(el);
    const zh = uiStrings('zh-CN');
    expect([...shell(el).querySelectorAll('[role=tab]')].map((t) => t.textContent!.trim())).to.deep.equal([
      zh.tabKnowledge,
      zh.tabScript,
      zh.tabChecklist,
      zh.tabQa,
    ]);
    expect(shell(el).querySelector('[part=base]')!.getAttribute('lang')).to.equal('zh-CN');
    // Every English UI text that was on screen is gone, its Chinese in its place.
    const en = plainStrings(uiStrings('en'));
    const zhPlain = plainStrings(zh);
    let compared = 0;
    for (const [path, text] of en) {
      // Key names (Enter, B, S…) are the same in both languages; the browse list heads the group of the
      // other language by its name, so which name shows changes with the UI language (checked below).
      if (!english.has(text) || /^\.keys\.\d+\.0$/.test(path) || path.startsWith('.contentLanguages.'))
        continue;
      compared++;
      expect(chinese.has(text), `"${text}" (${path}) still shown`).to.equal(false);
      expect(chinese.has(zhPlain.get(path)!), `"${zhPlain.get(path)}" (${path}) not shown`).to.equal(true);
    }
    expect(compared).to.be.greaterThan(25);
    // Texts made from values: the header, the step, the checklist's times and reasons.
    expect(chinese).to.include(zh.agentIs(el.getAttribute('agent-id')!));
    expect(english).to.include(uiStrings('en').contentLanguages['zh-CN']);
    expect(chinese).to.include(zh.contentLanguages.en);
    expect([...chinese].some((t) => /^第 1 步，共 \d+ 步$/.test(t))).to.equal(true);
    expect(chinese).to.include(zh.skippedBecause('Customer in a hurry'));
    expect([...chinese].some((t) => /^于 [\d.]+ 秒完成$/.test(t))).to.equal(true);

    el.setAttribute('lang', 'en');
    await waitUntil(() => shell(el).querySelector('[role=tab]')!.textContent!.trim() === 'Knowledge');
    const again = await everySection(el);
    for (const [path, text] of en) {
      if (english.has(text)) expect(again.has(text), `"${text}" (${path}) back`).to.equal(true);
    }
    await el.endCall();
    expect(callId).to.be.a('string');
  });
});
