/**
 * What a screen reader hears, through the real element on real IndexedDB and the real upload: the shell's
 * live regions after a new step (moved by the host), an item turning overdue (while another tab is shown),
 * and an upload failing and recovering (the fault receiver of the test server), in English and Chinese.
 * Each region's every text is recorded as it changes, so the test reads what was announced, in order.
 */
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';
import {buildContentPack} from '../../src/build/build-content-pack.js';
import type {AgentAssist} from '../../src/components/agent-assist/agent-assist.js';
import {uiStrings} from '../../src/i18n/strings.js';
import {defineElements} from '../../widget/define-elements.js';
import {serveFiles} from '../support/served-files.js';
import {checklist, script} from '../unit/content/fixtures.js';
import {mountForCalls, shell} from './harness.js';

defineElements();

const SCRIPT = `## Opening

### Greet {#greet}

> Hello.

### Verify {#verify}

> Date of birth?

- Passes → help
- Fails → bye

## Body

### Help {#help}

> How can I help?

## Closing

### Bye {#bye}

> Goodbye.
`;

const CHECKLIST = `- [ ] Greeting within a second {#greeting}
  Deadline: 1s

- [ ] Recording notice played {#notice}
  Deadline: 2s
`;

let packUrl: string | null = null;

/** A one-script pack with two short deadlines, built in the page and served. */
async function testPack(): Promise<string> {
  if (packUrl) return packUrl;
  const build = await buildContentPack(
    [
      script(
        'scripts/announce-test.md',
        SCRIPT,
        'title: Announce test\nlang: en\nqueues: [announce]\nchecklists: [deadlines]'
      ),
      checklist('checklists/deadlines.md', CHECKLIST, 'title: Deadlines\nlang: en\ncategory: procedure'),
    ],
    {builtAt: '2026-11-01T00:00:00.000Z', today: '2026-11-22'}
  );
  expect(build.diagnostics.filter((d) => d.severity === 'error')).to.deep.equal([]);
  const base = await serveFiles(build.files!);
  return (packUrl = new URL(`${base}manifest.json`, location.href).href);
}

/** The shell's live regions, each with every text it has shown since (recorded on each change). */
function regions(el: AgentAssist) {
  const polite = shell(el).querySelector<HTMLElement>('[aria-live=polite]')!;
  const urgent = shell(el).querySelector<HTMLElement>('[aria-live=assertive]')!;
  const record = (region: HTMLElement) => {
    const said: string[] = [];
    const take = () => {
      const text = region.textContent!.replace(/\s+/g, ' ').trim();
      if (text !== '' && text !== said.at(-1)) said.push(text);
    };
    new MutationObserver(take).observe(region, {childList: true, characterData: true, subtree: true});
    return said;
  };
  return {polite, urgent, politeSaid: record(polite), urgentSaid: record(urgent)};
}

async function widget(agentId: string, lang: 'en' | 'zh-CN', syncUrl?: string): Promise<AgentAssist> {
  const parent = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = await mountForCalls({agentId, queue: 'announce', packUrl: await testPack()}, parent);
  el.setAttribute('lang', lang);
  if (syncUrl) el.setAttribute('sync-url', syncUrl);
  await el.updateComplete;
  return el;
}

const id = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

describe('screen-reader announcements (<agent-assist> live regions)', function () {
  this.timeout(30_000);

  it('should have one polite and one assertive region, outside every panel', async () => {
    const el = await widget(id('a-regions'), 'en');
    const {polite, urgent} = regions(el);
    expect(polite.getAttribute('role')).to.equal('status');
    expect(polite.getAttribute('aria-atomic')).to.equal('true');
    expect(urgent.getAttribute('aria-atomic')).to.equal('true');
    for (const region of [polite, urgent]) {
      expect(region.closest('[role=tabpanel]')).to.equal(null);
      expect(region.classList.contains('visually-hidden')).to.equal(true);
    }
    // No view keeps a live region of its own for the same news (it would be said twice, or never).
    const checklistRoot = shell(el).querySelector('aa-checklist-view')!.shadowRoot!;
    expect(checklistRoot.querySelectorAll('[aria-live]')).to.have.length(0);
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    const s = uiStrings(lang);

    it(`should say each new step the host moves the call to, and the script's end (${lang})`, async () => {
      const el = await widget(id(`a-steps-${lang}`), lang);
      const {politeSaid} = regions(el);
      await el.startCall({scriptId: 'announce-test'});
      await waitUntil(() => politeSaid.length >= 1, 'the first step was never said');
      await el.completeStep();
      await el.completeStep({branch: 'help'});
      await el.completeStep();
      await el.completeStep();
      await waitUntil(() => politeSaid.length >= 5, `said only ${JSON.stringify(politeSaid)}`);
      expect(politeSaid).to.deep.equal([
        s.stepNow(1, 4, 'Greet'),
        s.stepNow(2, 4, 'Verify'),
        s.stepNow(3, 4, 'Help'),
        s.stepNow(4, 4, 'Bye'),
        s.scriptEnded,
      ]);
      // Said once: the script view's own note of the end is not a second live region.
      const scriptRoot = shell(el).querySelector('aa-script-view')!.shadowRoot!;
      await shell(el).querySelector('aa-script-view')!.updateComplete;
      expect(scriptRoot.textContent).to.contain(s.scriptEnded);
      expect(
        [...scriptRoot.querySelectorAll('[role=status], [role=alert], [aria-live]')].map((n) => n.textContent)
      ).to.deep.equal([]);
      await el.endCall();
    });

    it(`should say once, assertively, each item turning overdue while the script tab is shown (${lang})`, async () => {
      const el = await widget(id(`a-due-${lang}`), lang);
      const {urgent, urgentSaid} = regions(el);
      await el.startCall({scriptId: 'announce-test'});
      // The checklist's panel is hidden: what it has to say is said by the shell.
      expect(shell(el).querySelector('#panel-checklist')!.hasAttribute('hidden')).to.equal(true);
      await waitUntil(() => urgentSaid.length >= 2, `said only ${JSON.stringify(urgentSaid)}`, {
        timeout: 6000,
      });
      await new Promise((r) => setTimeout(r, 1200));
      expect(urgentSaid).to.deep.equal([
        s.nowOverdue('Greeting within a second'),
        s.nowOverdue('Recording notice played'),
      ]);
      expect(urgent.closest('[hidden]')).to.equal(null);
      await el.endCall();
    });

    it(`should say an upload problem once, not on every retry, and then that uploads work again (${lang})`, async () => {
      const name = id(`announce-${lang === 'en' ? 'en' : 'zh'}`);
      await executeServerCommand('aa-receiver', {name, reset: true, plan: ['500', '500']});
      const el = await widget(id(`a-sync-${lang}`), lang, `/aa-receiver/${name}/events`);
      const {politeSaid} = regions(el);
      await el.startCall({scriptId: 'announce-test'});
      await waitUntil(() => politeSaid.includes(s.syncRecovered), `said only ${JSON.stringify(politeSaid)}`, {
        timeout: 15_000,
      });
      const problems = politeSaid.filter((t) => t.startsWith(s.syncProblem));
      expect(problems, JSON.stringify(politeSaid)).to.have.length(1);
      expect(problems[0]).to.contain('500');
      expect(politeSaid.indexOf(problems[0]!)).to.be.below(politeSaid.indexOf(s.syncRecovered));
      // The header's upload badge, whose count changes on every upload, is not a live region itself.
      expect(shell(el).querySelector('.badge.sync')!.closest('[role=status], [aria-live]')).to.equal(null);
      await el.endCall();
    });
  }

  it('should mark the script’s and the checklist’s words with their language where the UI speaks another', async () => {
    const parent = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = await mountForCalls(
      {agentId: id('a-lang'), queue: 'billing', packUrl: '/dist/kb/manifest.json'},
      parent
    );
    await el.startCall({scriptId: 'zh-billing-inbound'});
    const script = shell(el).querySelector('aa-script-view')!;
    const list = shell(el).querySelector('aa-checklist-view')!;
    await script.updateComplete;
    await list.updateComplete;
    const langOf = (root: ShadowRoot, selector: string) =>
      [...root.querySelectorAll(selector)].map((n) => n.closest('[lang]')?.getAttribute('lang'));
    const sr = script.shadowRoot!;
    // The step's title, words to say, guidance, the path and the step's items: Chinese, in an English UI.
    for (const selector of [
      '.title > span',
      '.say p',
      '.path .jump > span',
      '.step-item > span:not(.critical)',
    ])
      expect(new Set(langOf(sr, selector)), selector).to.deep.equal(new Set(['zh-CN']));
    expect(new Set(langOf(list.shadowRoot!, 'li.item label'))).to.deep.equal(new Set(['zh-CN']));
    // The UI's own labels stay in the agent's language (inherited from the shell).
    expect(sr.querySelector('.actions .primary')!.closest('[lang]')).to.equal(null);
    expect(shell(el).querySelector('.base')!.getAttribute('lang')).to.equal('en');
    await el.endCall();
  });
});
