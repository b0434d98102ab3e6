/**
 * A host calls the API on a fresh element right after a reload mid-call, without waiting for anything:
 * every method waits for the resume, so setContext() and completeStep() act on the resumed call.
 */
import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import type {AgentAssist} from '../../src/components/agent-assist/agent-assist.js';
import {AssistDb} from '../../src/storage/assist-db.js';
import {callEvents} from '../../src/storage/event-log.js';
import {defineElements} from '../../widget/define-elements.js';
import {mountForCalls} from './harness.js';

defineElements();

const PACK = '/dist/kb/manifest.json';

describe('<agent-assist> right after a reload mid-call', function () {
  this.timeout(20_000);

  it('should accept setContext() and completeStep() at once and apply them to the resumed call', async () => {
    const agentId = `reload-api-${Date.now()}`;
    const first = await mountForCalls({agentId, queue: 'billing', packUrl: PACK});
    const {callId} = await first.startCall({scriptId: 'billing-inbound'});
    await first.completeStep();
    first.remove();

    // The page is reloaded: a new element, and the host calls straight away.
    const parent = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('agent-assist') as AgentAssist;
    el.setAttribute('agent-id', agentId);
    el.setAttribute('queue', 'billing');
    el.setAttribute('pack-url', PACK);
    el.setAttribute('lang', 'en');
    parent.append(el);
    const stepChange = oneEvent(el, 'aa-step-change');
    await Promise.all([el.setContext({customer: {name: 'Li Wei'}}), el.completeStep()]);
    const {detail} = await stepChange;
    expect(detail).to.deep.equal({callId, stepId: 'verify-id', previousStepId: 'recording-notice'});

    const call = (await el.getCall())!;
    expect(call).to.include({callId, scriptId: 'billing-inbound', stepId: 'verify-id'});
    expect(call.step!.choices.length).to.be.greaterThan(1);
    const db = new AssistDb();
    try {
      const types = (await callEvents(db, callId)).map((e) => e.type);
      expect(types).to.deep.equal(['call-start', 'step-complete', 'step-complete']);
    } finally {
      db.close();
    }
    await el.endCall();
  });
});
