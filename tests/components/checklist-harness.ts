/**
 * What the checklist tests share (checklist.test.ts and checklist-deadlines.test.ts): a pack with one
 * script and one checklist of short deadlines and skip rules, built in the page and served, and the ways
 * to reach the checklist view's rows and boxes.
 */
import {expect} from '@open-wc/testing';
import {buildContentPack} from '../../src/build/build-content-pack.js';
import type {AgentAssist} from '../../src/components/agent-assist/agent-assist.js';
import type {AaChecklistView} from '../../src/components/checklist-view/checklist-view.js';
import {serveFiles} from '../support/served-files.js';
import {checklist, script} from '../unit/content/fixtures.js';
import {mountForCalls, shell} from './harness.js';

/** A script whose verify step branches (help or refuse), bound to the checklist below. */
export const SCRIPT = `## Opening

### Greet {#greet}

> Hello.

Checklist: notice, consent

### Verify {#verify}

> Date of birth?

- Passes → help
- Fails → refuse

## Body

### Help {#help}

> How can I help?

Next: bye

### Refuse {#refuse}

> Sorry.

## Closing

### Bye {#bye}

> Goodbye.
`;

/** Deadline items (seconds and "before a step"), critical ones, categories and weights. */
export const CHECKLIST = `- [ ] Recording notice played {#notice}
  Weight: 2
  Critical: yes
  Deadline: 3s
  Applies to: greet

- [ ] Consent before verification {#consent}
  Deadline: before verify
  Applies to: greet

- [ ] Identity verified {#identity}
  Weight: 2
  Critical: yes
  Applies to: verify

- [ ] Refusal explained {#refusal}
  Critical: yes
  Applies to: refuse

- [ ] Greeting within a second {#greeting}
  Category: etiquette
  Deadline: 1s

- [ ] Wrap-up notes {#wrap-up}
  Category: knowledge
  Weight: 3
`;

let packUrl: string | null = null;

/** The test pack (one script, one checklist with short deadlines), built in the page and served. */
export async function testPack(): Promise<string> {
  if (packUrl) return packUrl;
  const build = await buildContentPack(
    [
      script(
        'scripts/deadline-test.md',
        SCRIPT,
        'title: Deadline test\nlang: en\nqueues: [test]\nchecklists: [compliance]'
      ),
      checklist(
        'checklists/compliance.md',
        CHECKLIST,
        'title: Compliance\nlang: en\ncategory: procedure\n' +
          // Skip rules: identity (critical) may be skipped, with these reasons only; refusal may not.
          'skippable: [consent, identity, greeting, wrap-up]\nskip_reasons: [Customer in a hurry, Verified by the IVR]'
      ),
    ],
    {builtAt: '2026-11-01T00:00:00.000Z', today: '2026-11-22'}
  );
  expect(build.diagnostics.filter((d) => d.severity === 'error')).to.deep.equal([]);
  const base = await serveFiles(build.files!);
  return (packUrl = new URL(`${base}manifest.json`, location.href).href);
}

/** `<agent-assist>` for agent `agentId` on the test pack, ready for calls. */
export async function widget(agentId: string, parent?: HTMLElement): Promise<AgentAssist> {
  return mountForCalls({agentId, queue: 'test', packUrl: await testPack()}, parent);
}

export const checklistView = (el: AgentAssist): AaChecklistView =>
  shell(el).querySelector('aa-checklist-view')!;
export const row = (el: AgentAssist, id: string) =>
  checklistView(el).shadowRoot!.querySelector<HTMLElement>(`[data-item="${id}"]`)!;
export const box = (el: AgentAssist, id: string) =>
  row(el, id).querySelector<HTMLInputElement>('input[type=checkbox]')!;

/** Waits for the shell and the checklist view to render. */
export async function rendered(el: AgentAssist): Promise<void> {
  await el.updateComplete;
  await checklistView(el).updateComplete;
}

/** Opens the Checklist tab. */
export async function showChecklist(el: AgentAssist): Promise<void> {
  shell(el).querySelector<HTMLElement>('#tab-checklist')!.click();
  await rendered(el);
}

/** Each item's status as getCall() reports it. */
export const statusOf = async (el: AgentAssist) =>
  Object.fromEntries((await el.getCall())!.items.map((i) => [i.id, i.status]));
