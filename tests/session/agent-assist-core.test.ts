/**
 * The framework-free core on the sample pack, without mounting the element: a whole call (start, moves,
 * ticks, skips, end), a reload mid-call (methods called at once wait for the resume), calls without a
 * script, bad arguments, and two cores on one call (one writes, the other mirrors and takes over). Each
 * test gets a fresh IndexedDB database.
 */
import {expect, waitUntil} from '@open-wc/testing';
import {DEFAULT_SETTINGS} from '../../src/config/parse-attributes.js';
import type {AaEventDetailMap, AaEventName} from '../../src/events/aa-event.js';
import {AgentAssistCore} from '../../src/session/agent-assist-core.js';
import {AssistDb} from '../../src/storage/assist-db.js';
import {callEvents, verifyChain} from '../../src/storage/event-log.js';

const PACK = '/dist/kb/manifest.json';
const cores: AgentAssistCore[] = [];
const dbNames: string[] = [];

/** A core on its own database (or `dbName`), configured for `agentId` on the billing queue. */
function makeCore(options: {dbName?: string; agentId?: string; queue?: string | null} = {}) {
  const dbName = options.dbName ?? `core-test-${crypto.randomUUID()}`;
  if (!dbNames.includes(dbName)) dbNames.push(dbName);
  const core = new AgentAssistCore({dbName, defaultPackUrl: new URL(PACK, location.href).href});
  const events: {name: AaEventName; detail: unknown}[] = [];
  const names: AaEventName[] = [
    'aa-call-start',
    'aa-step-change',
    'aa-checklist-change',
    'aa-call-end',
    'aa-error',
  ];
  for (const name of names)
    core.addEventListener(name, (e) => events.push({name, detail: (e as CustomEvent).detail}));
  core.configure({
    ...DEFAULT_SETTINGS,
    agentId: options.agentId ?? 'agent-core',
    queue: options.queue === undefined ? 'billing' : options.queue,
  });
  cores.push(core);
  const detailsOf = <K extends AaEventName>(name: K) =>
    events.filter((e) => e.name === name).map((e) => e.detail as AaEventDetailMap[K]);
  return {core, dbName, events, detailsOf};
}

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: Error) => e.message
  );

async function logged(dbName: string, callId: string) {
  const db = new AssistDb(dbName);
  try {
    return await callEvents(db, callId);
  } finally {
    db.close();
  }
}

afterEach(async () => {
  for (const core of cores.splice(0)) core.disconnect();
  for (const name of dbNames.splice(0)) await new AssistDb(name).delete();
});

describe('AgentAssistCore', function () {
  this.timeout(20_000);

  it('should run a whole call: start, branch, tick, skip, end, each logged once and fired once', async () => {
    const {core, dbName, detailsOf} = makeCore();
    const {callId} = await core.startCall({callId: 'core-1', context: {customer: {name: 'Li Wei'}}});
    expect(callId).to.equal('core-1');
    const [start] = detailsOf('aa-call-start');
    expect(start).to.include({callId, scriptId: 'billing-inbound'});
    expect(start!.scriptVersion).to.be.a('string').and.have.length.greaterThan(0);

    let snap = (await core.getCall())!;
    expect(snap).to.include({callId, scriptId: 'billing-inbound', stepId: 'greet', readOnly: false});
    expect(snap.step).to.deep.include({id: 'greet', phase: 'opening', required: true, choices: []});
    expect(snap.items.find((i) => i.id === 'greeting')).to.deep.equal({id: 'greeting', status: 'open'});

    await core.checkItem('greeting');
    expect(detailsOf('aa-checklist-change').at(-1)).to.deep.equal({
      callId,
      itemId: 'greeting',
      status: 'done',
    });
    await core.completeStep();
    await core.completeStep();
    snap = (await core.getCall())!;
    expect(snap.stepId).to.equal('verify-id');
    expect(snap.step!.choices.map((c) => c.id)).to.deep.equal(['reason', 'verify-failed']);
    expect(snap.step!.choices.every((c) => c.label.length > 0)).to.equal(true);

    expect(await errorOf(core.completeStep())).to.equal(
      'agent-assist: completeStep() expected a branch: step "verify-id" has choices "reason", "verify-failed" (or 1 to 2)'
    );
    expect(await errorOf(core.completeStep({branch: 3}))).to.match(
      /^agent-assist: completeStep\(\) expected branch to be one of "reason", "verify-failed" or a number from 1 to 2/
    );
    await core.skipItem('security-question', '  Customer verified by voice biometrics ');
    expect(detailsOf('aa-checklist-change').at(-1)).to.deep.equal({
      callId,
      itemId: 'security-question',
      status: 'skipped',
      reason: 'Customer verified by voice biometrics',
    });
    await core.completeStep({branch: 1});
    expect((await core.getCall())!.stepId).to.equal('reason');
    expect(detailsOf('aa-step-change').map((d) => d.stepId)).to.deep.equal([
      'greet',
      'recording-notice',
      'verify-id',
      'reason',
    ]);
    expect(detailsOf('aa-step-change')[0]!.previousStepId).to.equal(null);

    const report = await core.endCall({outcome: 'resolved'});
    expect(report).to.include({callId, agentId: 'agent-core', scriptId: 'billing-inbound'});
    expect(report.items.find((i) => i.id === 'greeting' && i.kind === 'item')!.status).to.equal('done');
    expect(report.items.find((i) => i.id === 'security-question')).to.include({status: 'skipped'});
    expect(detailsOf('aa-call-end')).to.deep.equal([report]);
    expect(await core.getCall()).to.equal(null);

    const events = await logged(dbName, callId);
    expect(events.map((e) => e.type)).to.deep.equal([
      'call-start',
      'item-check',
      'step-complete',
      'step-complete',
      'item-skip',
      'step-complete',
      'call-end',
    ]);
    expect(events.map((e) => e.seq)).to.deep.equal([1, 2, 3, 4, 5, 6, 7]);
    expect((await verifyChain(events)).ok).to.equal(true);
    // The host's context is display only: no event holds the customer's name.
    expect(JSON.stringify(events)).to.not.contain('Li Wei');
    expect(await core.verifyLog({callId})).to.deep.equal({ok: true, checked: 7});
  });

  it('should let setContext() and completeStep() act on a resumed call right after a reload', async () => {
    const first = makeCore({agentId: 'agent-reload'});
    const {callId} = await first.core.startCall({callId: 'core-reload'});
    await first.core.completeStep();
    first.core.disconnect();

    // A reload: a new core for the same agent and database; nothing awaited before the calls.
    const second = makeCore({agentId: 'agent-reload', dbName: first.dbName});
    const context = second.core.setContext({customer: {name: 'Ana'}});
    const step = second.core.completeStep();
    await Promise.all([context, step]);
    expect(second.core.calls.context).to.deep.equal({customer: {name: 'Ana'}});
    const snap = (await second.core.getCall())!;
    expect(snap).to.include({callId, stepId: 'verify-id', readOnly: false});
    const events = await logged(first.dbName, callId);
    expect(events.map((e) => e.type)).to.deep.equal(['call-start', 'step-complete', 'step-complete']);
    expect((await verifyChain(events)).ok).to.equal(true);
  });

  it('should say null for "no script" in the start event, getCall() and the report', async () => {
    const {core, detailsOf} = makeCore({queue: null, agentId: 'agent-no-script'});
    const {callId} = await core.startCall();
    expect(callId).to.match(/^call-/);
    expect(detailsOf('aa-call-start')).to.deep.equal([{callId, scriptId: null, scriptVersion: null}]);
    expect(await core.getCall()).to.deep.equal({
      callId,
      scriptId: null,
      stepId: null,
      step: null,
      items: [],
      readOnly: false,
    });
    expect(await errorOf(core.completeStep())).to.equal(
      'agent-assist: completeStep() expected a script to be chosen first (startCall({scriptId}) or the picker)'
    );
    const report = await core.endCall();
    expect(report).to.include({scriptId: null, scriptVersion: null, score: 100});
  });

  it('should reject every bad argument with "agent-assist: <method>() expected …"', async () => {
    const {core} = makeCore({agentId: 'agent-args'});
    const bad = core as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const cases: [string, unknown[]][] = [
      ['startCall', [null]],
      ['startCall', [{callId: 5}]],
      ['endCall', [{outcome: 7}]],
      ['setContext', [[]]],
      ['search', [42]],
      ['openArticle', ['']],
      ['completeStep', [null]],
      ['completeStep', [{branch: 0}]],
      ['checkItem', [undefined]],
      ['checkItem', ['greeting', {source: 'ivr'}]],
      ['skipItem', ['greeting', '']],
      ['exportLog', [{format: 'xml'}]],
      ['verifyLog', [{callId: 3}]],
    ];
    for (const [method, args] of cases) {
      const message = await errorOf(bad[method]!.apply(core, args));
      expect(message, `${method}(${JSON.stringify(args)})`).to.match(
        new RegExp(`^agent-assist: ${method}\\(\\) expected `)
      );
    }
    // Engine errors carry the prefix too.
    await core.startCall({callId: 'core-args'});
    expect(await errorOf(core.checkItem('nope'))).to.match(
      /^agent-assist: checkItem\(\) expected the id of a checklist item/
    );
    await core.endCall();
  });

  it('should let one of two cores on a call write and the other mirror it, then take over', async () => {
    const a = makeCore({agentId: 'agent-two'});
    const {callId} = await a.core.startCall({callId: 'core-two'});
    const b = makeCore({agentId: 'agent-two', dbName: a.dbName});
    const mirrored = (await b.core.getCall())!;
    expect(mirrored).to.include({callId, readOnly: true, stepId: 'greet'});
    expect(await errorOf(b.core.checkItem('greeting'))).to.contain('is open in another tab');

    await a.core.completeStep();
    await waitUntil(() => b.core.calls.state?.script?.currentStepId === 'recording-notice', 'b mirrors a');

    a.core.disconnect(); // the writing tab goes away: its lock is released
    await waitUntil(() => !b.core.calls.readOnly, 'b takes over');
    await b.core.checkItem('recording-notice');
    await b.core.completeStep();
    const report = await b.core.endCall();
    expect(report.items.find((i) => i.id === 'recording-notice' && i.kind === 'item')!.status).to.equal(
      'done'
    );
    const events = await logged(a.dbName, callId);
    expect(events.map((e) => e.seq)).to.deep.equal([1, 2, 3, 4, 5]);
    expect((await verifyChain(events)).ok).to.equal(true);
  });
});
