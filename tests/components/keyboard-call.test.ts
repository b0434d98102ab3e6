/**
 * A whole billing call from the keyboard, as an agent works it: no Tab, no mouse. After every key the test
 * asserts where focus is (where the next action is) and, at the end, every logged event. Then a call ended
 * with a critical item still open: the prompt, going back, ending anyway and the summary; and the host
 * page's `hotkey`.
 */
import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import type {AgentAssist} from '../../src/components/agent-assist/agent-assist.js';
import type {AaScriptView} from '../../src/components/script-view/script-view.js';
import {AssistDb} from '../../src/storage/assist-db.js';
import {callEvents, verifyChain} from '../../src/storage/event-log.js';
import {defineElements} from '../../widget/define-elements.js';
import {mountForCalls, shell} from './harness.js';

defineElements();

const DIST_PACK = '/dist/kb/manifest.json';
const view = (el: AgentAssist): AaScriptView => shell(el).querySelector('aa-script-view')!;

/** The element that has focus, followed through every shadow root. */
function focused(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Where focus is, in a word the assertions read. */
function focusIs(): string {
  const f = focused();
  if (!f) return 'nothing';
  if (f.matches('.script')) return 'script';
  if (f.matches('input[type=search]')) return 'search box';
  if (f.matches('#title')) return 'article title';
  if (f.matches('.skip-form input[type=radio]')) return 'skip reason';
  if (f.matches('.go-back')) return 'go back';
  if (f.matches('.end-anyway')) return 'end anyway';
  if (f.matches('.summary-title')) return 'summary';
  return `${f.tagName.toLowerCase()}${f.className ? `.${f.className}` : ''}`;
}

const stepId = async (el: AgentAssist) => (await el.getCall())!.stepId;

/** Every key the agent presses, counted: the figure the issue asks for. */
let keys = 0;
let tabs = 0;

async function press(key: string): Promise<void> {
  keys++;
  if (key === 'Tab') tabs++;
  await sendKeys({press: key});
}

async function type(text: string): Promise<void> {
  keys += [...text].length;
  await sendKeys({type: text});
}

/** Presses a key that moves the script, and waits for the move to be logged and shown. */
async function move(el: AgentAssist, key: string, expected: string | null): Promise<void> {
  const changed = oneEvent(el, 'aa-step-change');
  await press(key);
  expect((await changed).detail.stepId).to.equal(expected);
  await el.updateComplete;
  await view(el).updateComplete;
  await waitUntil(() => focusIs() === 'script', `focus after ${key} is on ${focusIs()}, not the script`);
}

/** Presses C and waits for the tick to be logged; focus stays on the script. */
async function tick(el: AgentAssist, itemId: string): Promise<void> {
  const changed = oneEvent(el, 'aa-checklist-change');
  await press('c');
  expect((await changed).detail).to.deep.include({itemId, status: 'done'});
  await el.updateComplete;
  await view(el).updateComplete;
  expect(focusIs()).to.equal('script');
}

async function logged(callId: string): Promise<string[]> {
  const db = new AssistDb();
  try {
    const events = await callEvents(db, callId);
    expect((await verifyChain(events)).ok).to.equal(true);
    return events.map((e) => {
      const d = e.data as Record<string, string>;
      const id = d.stepId ?? d.itemId ?? d.articleId ?? '';
      return [e.type, id, d.branch ? `>${d.branch}` : '', d.reason ? `(${d.reason})` : '']
        .filter(Boolean)
        .join(' ');
    });
  } finally {
    db.close();
  }
}

describe('a whole call from the keyboard', () => {
  it('should take a billing call from greeting to farewell with key presses only, no Tab, focus always where the next key goes', async () => {
    keys = 0;
    tabs = 0;
    const el = await mountForCalls({
      agentId: `agent-${crypto.randomUUID()}`,
      queue: 'billing',
      packUrl: DIST_PACK,
    });
    // The host answers the call (its own button): the script takes focus.
    const {callId} = await el.startCall({
      scriptId: 'billing-inbound',
      context: {customer: {name: 'Li Wei', firstName: 'Li', account: 'NW-4410-2291'}},
    });
    await view(el).updateComplete;
    expect(focusIs()).to.equal('script');
    expect(view(el).shadowRoot!.querySelector('.top')!.textContent).to.contain('Step 1 of 15');

    await tick(el, 'greeting');
    await move(el, 'Enter', 'recording-notice');
    await tick(el, 'recording-notice');
    await tick(el, 'data-consent');
    await move(el, 'Enter', 'verify-id');
    await tick(el, 'verify-identity');
    await tick(el, 'security-question');
    await move(el, '1', 'reason');
    // Branch steps ruled out no longer count: verify-failed is not on this call's path.
    expect(view(el).shadowRoot!.querySelector('.top')!.textContent).to.contain('Step 4 of 14');

    // A search from the script, the best result, and back: / types nowhere else.
    await press('/');
    await el.updateComplete;
    expect(focusIs()).to.equal('search box');
    await type('refund');
    const opened = oneEvent(el, 'aa-article-open');
    await press('ArrowDown');
    await press('Enter');
    expect((await opened).detail.from).to.equal('search');
    await waitUntil(() => focusIs() === 'article title', `focus on ${focusIs()} after opening`);
    await press('Escape');
    await waitUntil(() => focusIs() === 'search box', `Esc from the article left focus on ${focusIs()}`);
    await press('Escape'); // clears the box
    await press('Escape'); // an empty box: back to the call
    await waitUntil(() => focusIs() === 'script', `Esc from the box left focus on ${focusIs()}`);
    expect(shell(el).querySelector('[aria-selected=true]')!.id).to.equal('tab-script');
    expect(await stepId(el)).to.equal('reason');

    await move(el, '1', 'explain-charges');
    await move(el, '1', 'paperless-offer');
    // Skip the optional offer with a reason the agent chooses: none is chosen beforehand.
    await press('s');
    await view(el).updateComplete;
    expect(focusIs()).to.equal('skip reason');
    const radios = [
      ...view(el).shadowRoot!.querySelectorAll<HTMLInputElement>('.skip-form input[type=radio]'),
    ];
    expect(radios.some((r) => r.checked)).to.equal(false);
    await press('2');
    expect(radios[1]!.checked).to.equal(true);
    await move(el, 'Enter', 'summary');
    // Its bound item (the privacy notice) inherited the skip.
    expect((await el.getCall())!.items.find((i) => i.id === 'privacy-notice')!.status).to.equal('skipped');

    await tick(el, 'call-summary');
    await move(el, 'Enter', 'anything-else');
    await tick(el, 'anything-else');
    await move(el, '2', 'survey');
    await tick(el, 'satisfaction-question');
    await move(el, 'Enter', 'farewell');
    await tick(el, 'farewell');
    await tick(el, 'wrap-up-notes');
    await move(el, 'Enter', null);
    expect(view(el).shadowRoot!.querySelector('.top')!.textContent).to.contain('Step 10 of 10');

    // The host ends the call, asking first: nothing would be missed, so nothing is asked.
    const report = await el.endCall({outcome: 'resolved', confirm: true});
    expect([report.score, report.criticalFailed, report.byCategory]).to.deep.equal([
      100,
      false,
      {procedure: 100, etiquette: 100, knowledge: 100},
    ]);
    expect(report.items.find((i) => i.id === 'privacy-notice')).to.deep.include({
      status: 'skipped',
      reason: 'Customer declined',
      skippedStep: 'paperless-offer',
    });
    // Typing "refund" logs one search per debounced query: one when the keys come fast, more on a slow
    // machine. Those in a row count as one here.
    const events = (await logged(callId)).filter((e, i, all) => !(e === 'search' && all[i - 1] === 'search'));
    expect(events).to.deep.equal([
      'call-start',
      'item-check greeting',
      'step-complete greet',
      'item-check recording-notice',
      'item-check data-consent',
      'step-complete recording-notice',
      'item-check verify-identity',
      'item-check security-question',
      'step-complete verify-id >reason',
      'search',
      // The search that led to the article (knowledge health), then the article itself.
      'search-session billing/refunds',
      'article-open billing/refunds',
      'step-complete reason >explain-charges',
      'step-complete explain-charges >paperless-offer',
      'step-skip paperless-offer (Customer declined)',
      'item-check call-summary',
      'step-complete summary',
      'item-check anything-else',
      'step-complete anything-else >survey',
      'item-check satisfaction-question',
      'step-complete survey',
      'item-check farewell',
      'item-check wrap-up-notes',
      'step-complete farewell',
      'call-end',
    ]);
    // The figure for the issue: every key the agent pressed in the widget, and how many were Tabs.
    console.log(`keyboard call: ${keys} keys (6 of them typing "refund"), ${tabs} Tab`);
    expect(tabs).to.equal(0);
    expect(keys).to.equal(34);
  });

  it('should ask before ending a call with a critical item open, go back on Esc, and show the summary after ending anyway', async () => {
    const el = await mountForCalls({
      agentId: `agent-${crypto.randomUUID()}`,
      queue: 'billing',
      packUrl: DIST_PACK,
    });
    const {callId} = await el.startCall({scriptId: 'billing-inbound'});
    await view(el).updateComplete;
    await tick(el, 'greeting');
    await move(el, 'Enter', 'recording-notice');
    // The recording notice (critical) is still open when the host's End button asks to end.
    const first = el.endCall({confirm: true}).then(
      () => null,
      (e: Error & {code?: string}) => e
    );
    await waitUntil(() => view(el).shadowRoot!.querySelector('.end-prompt'), 'no prompt');
    await waitUntil(() => focusIs() === 'go back', `focus on ${focusIs()}, not on "Go back"`);
    const prompt = view(el).shadowRoot!.querySelector('.end-prompt')!;
    expect(prompt.getAttribute('role')).to.equal('alertdialog');
    const listed = [...prompt.querySelectorAll('li')].map((li) =>
      li.textContent!.replace(/\s+/g, ' ').trim()
    );
    // Every item that would be scored missed, steps included; critical items first.
    const critical = listed.filter((l) => l.endsWith(' critical'));
    expect(listed.slice(0, critical.length)).to.deep.equal(critical);
    expect(critical).to.include('Tell the customer the call is recorded for quality and training critical');
    expect(listed).to.include('Verify the caller (script step)');
    expect(listed.length).to.be.greaterThan(5);
    // Esc goes back: the host's endCall() rejects with end-cancelled, the call runs on, focus on the step.
    await press('Escape');
    const cancelled = await first;
    expect(cancelled?.code).to.equal('end-cancelled');
    expect(cancelled?.message).to.match(
      /^agent-assist: endCall\(\) was cancelled: the agent went back to the call/
    );
    await waitUntil(() => focusIs() === 'script', `focus on ${focusIs()} after going back`);
    expect(await stepId(el)).to.equal('recording-notice');

    // Ended anyway: the report, and the summary in plain words until the next call.
    const second = el.endCall({confirm: true});
    await waitUntil(() => focusIs() === 'go back', 'prompt not focused again');
    await sendKeys({press: 'Tab'});
    expect(focusIs()).to.equal('end anyway');
    await sendKeys({press: 'Enter'});
    const report = await second;
    expect([report.score, report.criticalFailed]).to.deep.equal([0, true]);
    await view(el).updateComplete;
    await waitUntil(() => focusIs() === 'summary', `focus on ${focusIs()} after ending`);
    const summary = view(el).shadowRoot!.querySelector('.summary')!.textContent!.replace(/\s+/g, ' ');
    expect(summary).to.contain('Call ended · score 0');
    expect(summary).to.contain('A critical item was missed, so the call scores 0.');
    expect(summary).to.contain('Procedure 0');
    const missed = [...view(el).shadowRoot!.querySelectorAll('.summary h4 + ul')][0]!;
    expect(missed.previousElementSibling!.textContent).to.equal('Missed');
    expect([...missed.children].map((li) => li.textContent!.replace(/\s+/g, ' ').trim())).to.include(
      'Tell the customer the call is recorded for quality and training critical'
    );
    expect(await logged(callId)).to.deep.equal([
      'call-start',
      'item-check greeting',
      'step-complete greet',
      'call-end',
    ]);
    // The next call clears the summary.
    await el.startCall({scriptId: 'billing-inbound'});
    await view(el).updateComplete;
    expect(view(el).shadowRoot!.querySelector('.summary')).to.equal(null);
    await el.endCall();
  });

  it('should focus the search box from the host page with the hotkey attribute, and only when it is set', async () => {
    const host = await fixture<HTMLDivElement>(
      html`<div><input id="crm-field" aria-label="CRM field" /></div>`
    );
    const el = await mountForCalls(
      {agentId: `agent-${crypto.randomUUID()}`, queue: 'billing', packUrl: DIST_PACK},
      host
    );
    const field = host.querySelector<HTMLInputElement>('#crm-field')!;
    field.focus();
    await sendKeys({press: 'Control+/'});
    await el.updateComplete;
    expect(document.activeElement).to.equal(field);
    el.setAttribute('hotkey', 'ctrl+/');
    await el.updateComplete;
    expect(
      shell(el).querySelector('aa-knowledge-panel')!.shadowRoot!.querySelector('input')!.placeholder
    ).to.equal('Search articles (Ctrl+/ from anywhere)');
    field.focus();
    await sendKeys({press: 'Control+/'});
    await waitUntil(() => focusIs() === 'search box', `focus on ${focusIs()}`);
    // A key the host page types with is refused, naming what was expected.
    const error = oneEvent(el, 'aa-error');
    el.setAttribute('hotkey', 'k');
    expect((await error).detail.message).to.equal(
      'agent-assist: hotkey="k" is not valid; expected modifiers and one key joined by "+", with Ctrl, Alt or Meta unless the key is F1–F24 (e.g. "ctrl+/", "alt+k", "f2"). Using no hotkey.'
    );
    field.focus();
    await sendKeys({press: 'Control+/'});
    expect(document.activeElement).to.equal(field);
  });
});
