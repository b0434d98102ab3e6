/**
 * The demo agent desktop's own script: a stand-in CRM that drives `<agent-assist>` only through its
 * public attributes, methods and events, so it doubles as the integration example.
 */
import type {AgentAssist} from '../../src/components/agent-assist/agent-assist.js';
import {registerAppWorker} from '../app-worker.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const assist = $<AgentAssist>('assist');
const events = $<HTMLOListElement>('events');
const callState = $<HTMLParagraphElement>('call-state');
const answer = $<HTMLButtonElement>('answer');
const end = $<HTMLButtonElement>('end');
const ivrNotice = $<HTMLButtonElement>('ivr-notice');

/** The call controls while a call runs (or not). */
function onCall(active: boolean): void {
  answer.disabled = active;
  end.disabled = !active;
  ivrNotice.disabled = !active;
}

/** Appends a line to the demo's event list (textContent: event details are never parsed as HTML). */
function logLine(text: string, isError = false): void {
  const li = document.createElement('li');
  li.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  if (isError) li.className = 'error';
  events.append(li);
  li.scrollIntoView({block: 'nearest'});
}

// Listen before the widget script runs, so early events such as an attribute error are not missed.
for (const name of [
  'aa-call-start',
  'aa-step-change',
  'aa-checklist-change',
  'aa-call-end',
  'aa-article-open',
  'aa-search',
  'aa-article-feedback',
  'aa-content-update',
  'aa-sync-state',
  'aa-error',
] as const) {
  assist.addEventListener(name, (e) => logLine(`${name} ${JSON.stringify(e.detail)}`, name === 'aa-error'));
}

for (const attr of ['queue', 'lang', 'theme'] as const) {
  const select = $<HTMLSelectElement>(attr);
  if (attr !== 'queue') select.value = assist.getAttribute(attr) ?? select.value;
  select.addEventListener('change', () => assist.setAttribute(attr, select.value));
}

/**
 * The customer's context for the running call, kept by the host as a CRM keeps its open record: the
 * widget never logs or stores it, so after a reload the host gives it again with setContext().
 */
const CONTEXT_KEY = 'northwind-demo:call-context';

answer.addEventListener('click', async () => {
  await customElements.whenDefined('agent-assist');
  const name = $<HTMLInputElement>('customer-name').value;
  const account = $<HTMLInputElement>('customer-account').value;
  try {
    const firstName = name.split(/\s+/)[0] ?? name;
    const context = {
      customer: {name, firstName, account},
      agent: {name: 'Mei', id: 'a-1024'},
      company: {name: 'Northwind Telecom'},
    };
    const {callId} = await assist.startCall({context});
    sessionStorage.setItem(CONTEXT_KEY, JSON.stringify({callId, context}));
    callState.textContent = `On a call with ${name} (${callId}).`;
    onCall(true);
  } catch (err) {
    callState.textContent = `Could not start the call: ${(err as Error).message}`;
  }
});

// After a reload mid-call the widget resumes the call from its log; the host gives it the customer's
// context again (the README asks hosts to), and reflects the call in its controls.
void customElements
  .whenDefined('agent-assist')
  .then(() => assist.getCall())
  .then(async (call) => {
    if (!call) return;
    const saved = JSON.parse(sessionStorage.getItem(CONTEXT_KEY) ?? 'null') as {
      callId: string;
      context: Record<string, unknown>;
    } | null;
    if (saved?.callId === call.callId) await assist.setContext(saved.context);
    callState.textContent = `On a call (${call.callId}), resumed after a reload.`;
    onCall(true);
  });

end.addEventListener('click', async () => {
  try {
    // The agent pressed End: the widget asks first when required or critical items are still open.
    const report = await assist.endCall({outcome: 'resolved', confirm: true});
    const failed = report.criticalFailed ? ' (a critical item was missed)' : '';
    callState.textContent = `Call ended. Adherence score ${report.score}${failed}.`;
    sessionStorage.removeItem(CONTEXT_KEY);
    onCall(false);
  } catch (err) {
    const e = err as Error & {code?: string};
    callState.textContent =
      e.code === 'end-cancelled'
        ? 'Call continues: the agent went back to finish open items.'
        : `Could not end the call: ${e.message}`;
  }
});

// The IVR played the recording notice: the host ticks the item; the widget logs source "host".
ivrNotice.addEventListener('click', async () => {
  const call = await assist.getCall();
  const item = call?.items.find((i) => i.id === 'recording-notice' || i.id === 'zh-recording-notice');
  if (!item) {
    logLine('This call has no recording-notice item.', true);
    return;
  }
  await assist.checkItem(item.id, {source: 'host'}).catch((err: Error) => logLine(err.message, true));
});

// The built demo works offline through the widget's service worker (dist/sw.js, next to this page). Not in
// `npm start`: the dev server has no worker to register, and cached files would hide the live preview.
if (import.meta.env.PROD) {
  void registerAppWorker({
    swUrl: new URL(/* @vite-ignore */ './sw.js', document.baseURI),
    notice: $<HTMLParagraphElement>('app-update'),
    lang: 'en',
  });
}
