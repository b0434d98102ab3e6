/**
 * The softphone example's page script: a stand-in softphone wired through the adapter to the widget, as
 * the element or (`?embed=frame`) through `createAgentAssistFrame()`. The adapter's code is the same for
 * both; only how the page obtains the widget differs.
 */
import type * as Widget from '../agent-assist.js';
import {FakeSoftphone} from './fake-softphone.js';
import {connectSoftphone} from './softphone-adapter.js';
import type {AssistTarget} from './softphone-adapter.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const log = $<HTMLOListElement>('log');

/** Appends a line to the page's log (textContent: event details are never parsed as HTML). */
function line(text: string, isError = false): void {
  const li = document.createElement('li');
  li.textContent = text;
  if (isError) li.className = 'error';
  log.append(li);
}

/** The widget's script next to the examples' folder (dist/agent-assist.js; in `npm start`, its source). */
const widgetUrl = new URL('../../agent-assist.js', location.href).href;
const embed = new URLSearchParams(location.search).get('embed') === 'frame' ? 'frame' : 'element';
$('embed').textContent = embed;

// Both embeds' events bubble to the document (the frame helper fires them on its iframe).
for (const name of ['aa-call-start', 'aa-checklist-change', 'aa-call-end', 'aa-error'] as const) {
  document.addEventListener(name, (e) => line(`${name} ${JSON.stringify(e.detail)}`, name === 'aa-error'));
}

/** Puts the widget in the panel: `<agent-assist>`, or the frame helper's object. */
async function embedWidget(): Promise<AssistTarget> {
  const panel = $('assist-panel');
  const widget = (await import(/* @vite-ignore */ widgetUrl)) as typeof Widget;
  if (embed === 'frame') {
    return widget.createAgentAssistFrame(panel, {agentId: 'a-1024', lang: 'en', queue: 'billing'});
  }
  const el = document.createElement('agent-assist');
  el.setAttribute('agent-id', 'a-1024');
  el.setAttribute('lang', 'en');
  el.setAttribute('queue', 'billing');
  panel.append(el);
  return el;
}

const phone = new FakeSoftphone();
connectSoftphone(phone, await embedWidget(), {
  contextFor: (call) => ({customer: call.customer ?? {}, company: {name: 'Northwind Telecom'}}),
  onReport: (report) =>
    line(`report: score ${report.score}${report.criticalFailed ? ', critical failure' : ''}`),
  onError: (err) => line(`adapter: ${err.message}`, true),
});

// The stand-in softphone's controls: one call at a time.
const buttons = {
  ring: $<HTMLButtonElement>('ring'),
  disclosure: $<HTMLButtonElement>('disclosure'),
  answer: $<HTMLButtonElement>('answer'),
  hangUp: $<HTMLButtonElement>('hang-up'),
};
const state = $<HTMLParagraphElement>('phone-state');
let call: {id: string; answered: boolean; disclosed: boolean} | null = null;

function show(text: string): void {
  state.textContent = text;
  buttons.ring.disabled = call !== null;
  buttons.answer.disabled = call === null || call.answered;
  buttons.disclosure.disabled = call === null || call.disclosed;
  buttons.hangUp.disabled = call === null;
}

phone.subscribe((event) =>
  line(`softphone: ${event.type} ${'call' in event ? event.call.id : event.callId}`)
);
buttons.ring.addEventListener('click', () => {
  call = {id: `sp-${Date.now().toString(36)}`, answered: false, disclosed: false};
  phone.ring({id: call.id, queue: 'billing', customer: {name: 'Li Wei', account: 'NW-4410-2291'}});
  show(`Ringing: ${call.id}.`);
});
buttons.disclosure.addEventListener('click', () => {
  call!.disclosed = true;
  phone.playDisclosure(call!.id);
  show(`The IVR played the recording notice on ${call!.id}.`);
});
buttons.answer.addEventListener('click', () => {
  call!.answered = true;
  phone.answer(call!.id);
  show(`On a call: ${call!.id}.`);
});
buttons.hangUp.addEventListener('click', () => {
  const {id, answered} = call!;
  call = null;
  phone.hangUp(id, answered ? 'customer hung up' : 'abandoned while ringing');
  show(answered ? `Call ${id} ended.` : `Call ${id} abandoned before it was answered.`);
});
show('Idle.');
