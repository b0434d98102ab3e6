/**
 * Call scripts driven from the keyboard on the sample pack: every move logged to IndexedDB before it
 * shows, events fired, and a "reload" (a new element for the same agent) resuming at the same step.
 */
import {expect, oneEvent, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import type {AgentAssist} from '../../src/components/agent-assist/agent-assist.js';
import type {AaScriptView} from '../../src/components/script-view/script-view.js';
import {AssistDb} from '../../src/storage/assist-db.js';
import {callEvents, verifyChain} from '../../src/storage/event-log.js';
import {defineElements} from '../../widget/define-elements.js';
import {articleView, mountForCalls, settle, shell} from './harness.js';

defineElements();

const DIST_PACK = '/dist/kb/manifest.json';

function widget(agentId: string, queue = 'billing'): Promise<AgentAssist> {
  return mountForCalls({agentId, queue, packUrl: DIST_PACK});
}

/**
 * The sample script the tests walk through, picked by id: not by position in the pack, nor by being the
 * only one for a queue, so adding a sample script to content/ leaves these tests as they are.
 */
const BILLING = 'billing-inbound';

/** A script of the loaded pack by id, as the host API lists it (the test fails if the pack lacks it). */
async function scriptById(el: AgentAssist, id: string) {
  const script = (await el.listScripts()).find((s) => s.id === id);
  expect(script, `script "${id}" in the sample pack`).to.not.equal(undefined);
  return script!;
}

/** The chooser's button for a script, found by the script's exact title. */
async function chooserButton(el: AgentAssist, id: string): Promise<HTMLButtonElement> {
  const {title} = await scriptById(el, id);
  const buttons = [...view(el).shadowRoot!.querySelectorAll<HTMLButtonElement>('.branches button')];
  const matching = buttons.filter((b) => b.textContent!.trim() === title);
  expect(matching, `one chooser button titled "${title}"`).to.have.length(1);
  return matching[0]!;
}

const view = (el: AgentAssist): AaScriptView => shell(el).querySelector('aa-script-view')!;
const current = (el: AgentAssist) => view(el).shadowRoot!.querySelector('.title')!.textContent!.trim();
const sayText = (el: AgentAssist) =>
  view(el).shadowRoot!.querySelector('.say')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Waits until the step shown changes (a move is shown only after its log write committed). */
async function stepChanged(el: AgentAssist): Promise<string> {
  const {detail} = await oneEvent(el, 'aa-step-change');
  await el.updateComplete;
  await view(el).updateComplete;
  return detail.stepId;
}

async function loggedTypes(callId: string): Promise<string[]> {
  const db = new AssistDb();
  try {
    const events = await callEvents(db, callId);
    expect((await verifyChain(events)).ok).to.equal(true);
    return events.map(
      (e) => `${e.type}${e.data.stepId ? `:${e.data.stepId}` : ''}${e.data.branch ? `>${e.data.branch}` : ''}`
    );
  } finally {
    db.close();
  }
}

describe('call scripts', () => {
  it('should start the queue default script with the customer name filled in, and fire aa-call-start', async () => {
    const el = await widget(`agent-${crypto.randomUUID()}`);
    // The queue's default is its script in the agent's language, whichever other scripts the pack holds.
    const forQueue = (await el.listScripts()).filter((s) => s.queues.includes('billing'));
    const expected = forQueue.find((s) => s.lang === 'en')!;
    expect(expected, 'an English script for the billing queue').to.not.equal(undefined);
    const started = oneEvent(el, 'aa-call-start');
    const {callId} = await el.startCall({context: {customer: {name: 'Li Wei', firstName: 'Li'}}});
    const {detail} = await started;
    expect(detail).to.deep.include({callId, scriptId: expected.id});
    expect(detail.scriptVersion).to.match(/^[0-9a-f]{16}$/);
    await el.updateComplete;
    await view(el).updateComplete;
    expect(sayText(el)).to.contain('Li Wei');
    expect(sayText(el)).to.not.contain('undefined');
    await el.endCall();

    // A Chinese agent on the same queue gets the queue's Chinese script, where it has one.
    const zh = forQueue.find((s) => s.lang === 'zh-CN');
    if (zh) {
      el.setAttribute('lang', 'zh-CN');
      await el.updateComplete;
      await el.startCall();
      expect((await el.getCall())!.scriptId).to.equal(zh.id);
      await el.endCall();
    }
  });

  it('should be driven from the keyboard only, logging every move before showing it', async () => {
    const el = await widget(`agent-${crypto.randomUUID()}`);
    const {callId} = await el.startCall({scriptId: BILLING, context: {customer: {name: 'Li Wei'}}});
    await el.updateComplete;
    expect(current(el)).to.contain('Greet the customer');
    // startCall moved focus into the script: keys work at once.
    let changed = stepChanged(el);
    await sendKeys({press: 'Enter'});
    expect(await changed).to.equal('recording-notice');
    changed = stepChanged(el);
    await sendKeys({press: 'Enter'});
    expect(await changed).to.equal('verify-id');
    // A branching step: Enter does nothing, a number picks the answer.
    await sendKeys({press: 'Enter'});
    changed = stepChanged(el);
    await sendKeys({press: '1'});
    const afterVerify = await changed;
    expect(afterVerify).to.not.equal('verify-id');
    // Back, then skip with a reason of the agent's own: 5 picks "Other reason" (after the four common
    // ones, none chosen beforehand) and moves to its text field.
    changed = stepChanged(el);
    await sendKeys({press: 'b'});
    expect(await changed).to.equal('verify-id');
    await sendKeys({press: 's'});
    await view(el).updateComplete;
    await sendKeys({press: '5'});
    await sendKeys({type: 'customer already verified by IVR'});
    changed = stepChanged(el);
    await sendKeys({press: 'Enter'});
    await changed;
    expect(await loggedTypes(callId)).to.deep.equal([
      'call-start',
      'step-complete:greet',
      'step-complete:recording-notice',
      `step-complete:verify-id>${afterVerify}`,
      'step-back',
      `step-skip:verify-id>${afterVerify}`,
    ]);
    const ended = oneEvent(el, 'aa-call-end');
    const report = await el.endCall({outcome: 'resolved'});
    expect((await ended).detail).to.deep.equal(report);
    const byId = Object.fromEntries(report.items.map((i) => [i.id, i]));
    expect(byId.greet!.status).to.equal('done');
    expect(byId['verify-id']).to.deep.include({
      status: 'skipped',
      reason: 'customer already verified by IVR',
    });
    expect(byId.farewell!.status).to.equal('missed');
    expect(report.score).to.be.lessThan(100);
  });

  it('should show the keyboard help with ?', async () => {
    const el = await widget(`agent-${crypto.randomUUID()}`);
    await el.startCall();
    await el.updateComplete;
    const root = view(el).shadowRoot!;
    await waitUntil(
      () => root.activeElement === root.querySelector('.script'),
      'startCall put no focus in the script'
    );
    const toggle = [...root.querySelectorAll('button[aria-controls=key-help]')];
    expect(toggle.length).to.equal(1);
    expect(toggle[0]!.getAttribute('aria-expanded')).to.equal('false');
    await sendKeys({press: '?'});
    await view(el).updateComplete;
    // A panel the toggle expands (not a dialog: focus stays on the script and its keys keep working).
    const help = view(el).shadowRoot!.querySelector('#key-help')!;
    expect(help.getAttribute('role')).to.equal('region');
    expect(help.textContent).to.contain('Complete the step');
    expect(help.textContent).to.contain('Skip the step');
    expect(toggle[0]!.getAttribute('aria-expanded')).to.equal('true');
    expect(view(el).shadowRoot!.activeElement === view(el).shadowRoot!.querySelector('.script')).to.equal(
      true
    );
    // Esc closes it.
    await sendKeys({press: 'Escape'});
    await view(el).updateComplete;
    expect(view(el).shadowRoot!.querySelector('#key-help')).to.equal(null);
    expect(toggle[0]!.getAttribute('aria-expanded')).to.equal('false');
    await el.endCall();
  });

  it('should resume an unfinished call at the same step after a reload, with no event lost or duplicated', async () => {
    const agent = `agent-${crypto.randomUUID()}`;
    const first = await widget(agent);
    const {callId} = await first.startCall({scriptId: BILLING});
    await first.completeStep();
    await first.completeStep();
    const before = await first.getCall();
    first.remove();
    const again = await widget(agent);
    const resumed = await again.getCall();
    expect(resumed).to.deep.equal(before);
    expect(resumed!.scriptId).to.equal(BILLING);
    expect(resumed!.stepId).to.equal('verify-id');
    await again.completeStep({branch: 1});
    const next = (await again.getCall())!.stepId;
    expect(await loggedTypes(callId)).to.deep.equal([
      'call-start',
      'step-complete:greet',
      'step-complete:recording-notice',
      `step-complete:verify-id>${next}`,
    ]);
    const report = await again.endCall();
    expect(await again.getCall()).to.equal(null);
    // The end summary comes back after a reload during wrap-up (another agent's does not).
    again.remove();
    const other = await widget(`agent-${crypto.randomUUID()}`);
    await other.updateComplete;
    await view(other).updateComplete;
    expect(view(other).shadowRoot!.querySelector('.summary-title')).to.equal(null);
    const third = await widget(agent);
    await waitUntil(
      () => view(third).shadowRoot!.querySelector('.summary-title') !== null,
      'the summary did not come back after the reload'
    );
    expect(view(third).shadowRoot!.querySelector('.summary-title')!.textContent).to.contain(
      String(report.score)
    );
  });

  it('should offer a chooser when the queue has no default script, and log the choice', async () => {
    const el = await widget(`agent-${crypto.randomUUID()}`, 'no-such-queue');
    // A Chinese agent: the pack lists the English scripts first, the chooser must not.
    el.setAttribute('lang', 'zh-CN');
    await el.updateComplete;
    const {callId} = await el.startCall();
    await el.updateComplete;
    await view(el).updateComplete;
    // Every script of the pack, the agent's language first, otherwise in the pack's order.
    const scripts = await el.listScripts();
    const buttons = [...view(el).shadowRoot!.querySelectorAll<HTMLButtonElement>('.branches button')];
    expect(buttons.map((b) => b.textContent!.trim())).to.deep.equal([
      ...scripts.filter((s) => s.lang === 'zh-CN').map((s) => s.title),
      ...scripts.filter((s) => s.lang !== 'zh-CN').map((s) => s.title),
    ]);
    const changed = stepChanged(el);
    (await chooserButton(el, 'complaint-handling')).click();
    await changed;
    expect((await el.getCall())!.scriptId).to.equal('complaint-handling');
    expect(await loggedTypes(callId)).to.deep.equal(['call-start', 'script-switch']);
    await el.endCall();
  });

  it('should reject bad arguments, naming what was expected', async () => {
    const el = await widget(`agent-${crypto.randomUUID()}`);
    const ids = (await el.listScripts()).map((s) => `"${s.id}"`);
    expect(ids).to.include(`"${BILLING}"`);
    const reasons: string[] = [];
    await el.startCall({scriptId: 'nope'}).catch((e: Error) => reasons.push(e.message.split(';')[0]!));
    await el.completeStep().catch((e: Error) => reasons.push(e.message));
    await el.setContext('x' as never).catch((e: Error) => reasons.push(e.message));
    await el.startCall({scriptId: BILLING});
    await el.completeStep({branch: 9}).catch((e: Error) => reasons.push(e.message));
    await el.endCall();
    expect(reasons).to.deep.equal([
      `agent-assist: startCall() expected scriptId to be one of ${ids.join(', ')}`,
      'agent-assist: completeStep() needs a running call; call startCall() first',
      'agent-assist: setContext() expected context to be an object, e.g. {customer: {name: "Li Wei"}}',
      'agent-assist: completeStep() expected no branch: step "greet" has no choices',
    ]);
  });
});

describe('call scripts: jumps, switches and linked articles', () => {
  it('should jump to any step from the path (logged) and switch scripts mid-call (logged)', async () => {
    const el = await widget(`agent-${crypto.randomUUID()}`);
    const {callId} = await el.startCall({scriptId: BILLING});
    await el.updateComplete;
    await view(el).updateComplete;
    const jump = [...view(el).shadowRoot!.querySelectorAll<HTMLButtonElement>('.jump')].find((b) =>
      b.textContent!.includes('Summar')
    )!;
    let changed = stepChanged(el);
    jump.click();
    expect(await changed).to.equal('summary');
    view(el).shadowRoot!.querySelector<HTMLButtonElement>('.top .link')!.click();
    await view(el).updateComplete;
    changed = stepChanged(el);
    (await chooserButton(el, 'tech-support')).click();
    await changed;
    expect((await el.getCall())!.scriptId).to.equal('tech-support');
    expect(await loggedTypes(callId)).to.deep.equal(['call-start', 'step-jump:summary', 'script-switch']);
    await el.endCall();
  });

  it('should open a linked article in the knowledge view and come back to the script', async () => {
    const el = await widget(`agent-${crypto.randomUUID()}`);
    await el.startCall({scriptId: BILLING});
    await el.completeStep();
    await el.completeStep();
    await el.updateComplete;
    await view(el).updateComplete;
    const opened = oneEvent(el, 'aa-article-open');
    const link = view(el).shadowRoot!.querySelector<HTMLButtonElement>('.link:not(.jump):not(.top .link)')!;
    const linkText = link.textContent!.trim();
    link.click();
    expect((await opened).detail.from).to.equal('script');
    await settle(el);
    expect(shell(el).querySelector('[aria-selected=true]')!.id).to.equal('tab-knowledge');
    // The link read as the article's title (from the pack), not its id.
    expect(linkText).to.equal(articleView(el)!.shadowRoot!.querySelector('#title')!.textContent!.trim());
    shell(el).querySelector<HTMLButtonElement>('#panel-knowledge > .back')!.click();
    await el.updateComplete;
    expect(shell(el).querySelector('[aria-selected=true]')!.id).to.equal('tab-script');
    const {callId, stepId} = (await el.getCall())!;
    expect(stepId).to.equal('verify-id');
    await el.endCall();
    // The article opened during the call is in its log, by id only.
    const types = await loggedTypes(callId);
    expect(types).to.include('article-open');
  });
});
