/** Adherence scoring as the contract defines it, on hand-built calls whose reports are computed by hand. */
import {expect} from '@open-wc/testing';
import {callItemsFor} from '../../../src/calls/call-items.js';
import {itemMarksFromEvents} from '../../../src/calls/item-marks.js';
import type {ReplayEvent} from '../../../src/calls/moves-from-events.js';
import {reportFromLog} from '../../../src/calls/report-from-log.js';
import {evaluateItem, scoreItems} from '../../../src/calls/score-call.js';
import type {PackChecklist, PackScript, PackStep} from '../../../src/content/pack-types.js';
import {packScript, packStep} from '../scripting/pack-fixtures.js';
import type {CallItem} from '../../../src/model/call-log.js';
import type {AdherenceItem} from '../../../src/model/report.js';

const step = (id: string, more: Partial<PackStep> = {}) => packStep(id, {title: id.toUpperCase(), ...more});

/** greet → verify (branch: ok → pay, failed → refuse) ; pay → close ; refuse → close. */
const script: PackScript = packScript(
  [
    step('greet'),
    step('verify', {
      branches: [
        {label: 'ok', target: 'pay'},
        {label: 'failed', target: 'refuse'},
      ],
    }),
    step('pay', {next: 'close'}),
    step('refuse', {next: 'close'}),
    step('close', {required: false}),
  ],
  {checklists: ['c1', 'c2']}
);

const item = (id: string, more: Partial<CallItem> = {}): CallItem => ({
  id,
  text: `Item ${id}`,
  weight: 1,
  category: 'procedure',
  critical: false,
  deadline: null,
  appliesTo: [],
  checklistId: 'c1',
  checklistTitle: 'C1',
  ...more,
});

const ev = (type: string, offset: number, data: Record<string, unknown> = {}): ReplayEvent => ({
  type,
  offset,
  data,
});

const call = (items: CallItem[]) => ({
  callId: 'c-1',
  agentId: 'a-1',
  startedAt: '2026-11-22T10:00:00.000Z',
  script,
  items,
});

const byId = (items: AdherenceItem[]) => new Map(items.map((i) => [`${i.kind}:${i.id}`, i]));

describe('scoreItems', () => {
  it('should give 100 when nothing counts, and weight credits done 1 / late 0.5 / missed 0', () => {
    expect(scoreItems([])).to.equal(100);
    const it = (status: AdherenceItem['status'], weight = 1): AdherenceItem => ({
      id: status,
      category: 'procedure',
      weight,
      status,
    });
    expect(scoreItems([it('skipped'), it('n/a')])).to.equal(100);
    // (2·1 + 1·0.5 + 1·0) / 4 = 62.5; skipped and n/a leave the denominator.
    expect(scoreItems([it('done', 2), it('late'), it('missed'), it('skipped', 5), it('n/a', 5)])).to.equal(
      62.5
    );
    // 1/3 rounds to one decimal.
    expect(scoreItems([it('done'), it('missed'), it('missed')])).to.equal(33.3);
  });
});

describe('evaluateItem deadlines', () => {
  const steps = {greet: 'done', verify: 'current'} as const;
  it('should count a tick exactly at the deadline as done and one a millisecond later as late', () => {
    const d = item('d', {deadline: {seconds: 30}});
    expect(evaluateItem(d, {status: 'done', at: 30}, steps, {}, true)).to.deep.equal({
      status: 'done',
      at: 30,
      deadline: 30,
    });
    expect(evaluateItem(d, {status: 'done', at: 30.001}, steps, {}, true).status).to.equal('late');
    expect(evaluateItem(d, undefined, steps, {}, false)).to.deep.equal({status: 'open', deadline: 30});
    expect(evaluateItem(d, undefined, steps, {}, true)).to.deep.equal({status: 'missed', deadline: 30});
  });

  it('should measure "before step" deadlines from when the step was entered, open until then', () => {
    const b = item('b', {deadline: {beforeStep: 'verify'}});
    expect(evaluateItem(b, {status: 'done', at: 9}, steps, {}, false)).to.deep.equal({status: 'done', at: 9});
    expect(evaluateItem(b, {status: 'done', at: 12}, steps, {verify: 12}, true).status).to.equal('done');
    expect(evaluateItem(b, {status: 'done', at: 12.5}, steps, {verify: 12}, true)).to.deep.equal({
      status: 'late',
      at: 12.5,
      deadline: 12,
    });
  });

  it('should make an item n/a when none of its steps can be reached, but count a tick anyway', () => {
    const x = item('x', {appliesTo: ['refuse']});
    const taken = {greet: 'done', verify: 'done', pay: 'done', refuse: 'n/a', close: 'n/a'} as const;
    expect(evaluateItem(x, undefined, taken, {}, true)).to.deep.equal({status: 'n/a'});
    expect(evaluateItem(x, {status: 'done', at: 3}, taken, {}, true).status).to.equal('done');
    // A step the script does not have (another script's) does not make it apply.
    expect(evaluateItem(item('y', {appliesTo: ['nowhere']}), undefined, taken, {}, true).status).to.equal(
      'n/a'
    );
    // Reachable but not reached when the call ended: missed.
    const early = {greet: 'done', verify: 'missed', pay: 'missed', refuse: 'missed', close: 'n/a'} as const;
    expect(evaluateItem(x, undefined, early, {}, true).status).to.equal('missed');
  });
});

describe('reportFromLog', () => {
  it('should score a call with every status, weights, categories and deadlines, as computed by hand', () => {
    const items = [
      item('recording', {weight: 2, critical: true, deadline: {seconds: 30}}), // done at 12.9: 2 × 1
      item('identity', {weight: 2, deadline: {seconds: 60}}), // late at 95: 2 × 0.5
      item('consent', {deadline: {beforeStep: 'verify'}, appliesTo: ['verify']}), // done at 10 ≤ 11: 1
      item('greeting', {category: 'etiquette', appliesTo: ['greet']}), // done: 1
      item('survey', {category: 'etiquette'}), // skipped: out
      item('refusal', {critical: true, appliesTo: ['refuse']}), // n/a: out
      item('privacy', {category: 'knowledge', weight: 3}), // missed: 3 × 0
    ];
    const events = [
      ev('call-start', 0),
      ev('item-check', 4.2, {itemId: 'greeting', source: 'agent'}),
      ev('item-check', 10, {itemId: 'consent', source: 'agent'}),
      ev('step-complete', 11, {stepId: 'greet'}),
      ev('item-check', 12.9, {itemId: 'recording', source: 'host'}),
      ev('step-complete', 40, {stepId: 'verify', branch: 'pay'}),
      ev('item-check', 95, {itemId: 'identity', source: 'agent'}),
      ev('item-skip', 100, {itemId: 'survey', reason: 'customer in a hurry'}),
      ev('step-complete', 120, {stepId: 'pay'}),
      ev('call-end', 130),
    ];
    const report = reportFromLog(call(items), events, '2026-11-22T10:02:10.000Z');
    const got = byId(report.items);
    expect(got.get('item:recording')).to.deep.include({
      status: 'done',
      at: 12.9,
      deadline: 30,
      critical: true,
    });
    expect(got.get('item:identity')).to.deep.include({status: 'late', at: 95, deadline: 60});
    expect(got.get('item:consent')).to.deep.include({status: 'done', at: 10, deadline: 11});
    expect(got.get('item:greeting')!.status).to.equal('done');
    expect(got.get('item:survey')).to.deep.include({status: 'skipped', reason: 'customer in a hurry'});
    expect(got.get('item:refusal')!.status).to.equal('n/a');
    expect(got.get('item:privacy')!.status).to.equal('missed');
    // Required steps are items too: greet, verify, pay done; refuse on the branch not taken.
    expect(got.get('step:greet')).to.deep.include({status: 'done', at: 11, category: 'procedure', weight: 1});
    expect(got.get('step:pay')!.status).to.equal('done');
    expect(got.get('step:refuse')!.status).to.equal('n/a');
    expect(got.has('step:close')).to.equal(false);
    // procedure: recording 2 + identity 1 + consent 1 + steps 3 = 7 of 2+2+1+3 = 8 → 87.5
    // etiquette: greeting 1 of 1 → 100; knowledge: 0 of 3 → 0
    // all: (7 + 1 + 0) / (8 + 1 + 3) = 66.7
    expect(report.byCategory).to.deep.equal({etiquette: 100, knowledge: 0, procedure: 87.5});
    expect(report.score).to.equal(66.7);
    expect(report.criticalFailed).to.equal(false);
    expect(report).to.deep.include({
      callId: 'c-1',
      agentId: 'a-1',
      scriptId: 's',
      scriptVersion: 'v1',
      endedAt: '2026-11-22T10:02:10.000Z',
    });
  });

  it('should fail a call with a missed critical item: score 0, that category 0, the others as computed', () => {
    const items = [
      item('recording', {critical: true, deadline: {seconds: 30}}),
      item('greeting', {category: 'etiquette'}),
    ];
    const events = [
      ev('call-start', 0),
      ev('item-check', 3, {itemId: 'greeting'}),
      ev('step-complete', 5, {stepId: 'greet'}),
      ev('call-end', 9),
    ];
    const report = reportFromLog(call(items), events, 'end');
    expect(report.criticalFailed).to.equal(true);
    expect(report.score).to.equal(0);
    expect(report.byCategory).to.deep.equal({etiquette: 100, procedure: 0});
    // A late critical item is not a failure: it was done.
    const late = reportFromLog(
      call(items),
      [...events.slice(0, 3), ev('item-check', 31, {itemId: 'recording'})],
      'e'
    );
    expect(late.criticalFailed).to.equal(false);
    expect(byId(late.items).get('item:recording')!.status).to.equal('late');
  });

  it('should honour unticks and a later tick, and keep ticks across a script switch', () => {
    const items = [item('a')];
    const events = [
      ev('call-start', 0),
      ev('item-check', 1, {itemId: 'a'}),
      ev('item-uncheck', 2, {itemId: 'a'}),
      ev('script-switch', 3, {scriptId: 's'}),
      ev('item-check', 4, {itemId: 'a'}),
    ];
    expect(itemMarksFromEvents(events).get('a')).to.deep.equal({status: 'done', at: 4, source: 'agent'});
    expect(itemMarksFromEvents(events.slice(0, 3)).has('a')).to.equal(false);
    expect(reportFromLog(call(items), events, 'e').items[0]).to.deep.include({status: 'done', at: 4});
  });

  it('should score a call with nothing to score as 100', () => {
    const none = reportFromLog({...call([]), script: null}, [ev('call-start', 0), ev('call-end', 1)], 'e');
    expect(none).to.deep.include({score: 100, criticalFailed: false, items: [], byCategory: {}});
    // A call whose only items were skipped or n/a also scores 100.
    const skipped = reportFromLog(
      {
        ...call([item('a'), item('b', {appliesTo: ['refuse']})]),
        script: {...script, steps: [step('greet', {required: false})]},
      },
      [ev('call-start', 0), ev('item-skip', 1, {itemId: 'a', reason: 'declined'})],
      'e'
    );
    expect(skipped.score).to.equal(100);
    expect(skipped.items.map((i) => i.status)).to.deep.equal(['skipped', 'n/a']);
  });
});

describe('callItemsFor', () => {
  it('should take the items of the checklists the script names, in order, each id once', () => {
    const checklists: PackChecklist[] = [
      {id: 'c2', version: '2', title: 'Two', lang: 'en', items: [{...item('b'), appliesTo: []}]},
      {id: 'c1', version: '1', title: 'One', lang: 'en', items: [item('a'), item('b')]},
      {id: 'c3', version: '3', title: 'Three', lang: 'en', items: [item('z')]},
    ];
    const got = callItemsFor(script, checklists);
    expect(got.map((i) => [i.id, i.checklistId])).to.deep.equal([
      ['a', 'c1'],
      ['b', 'c1'],
    ]);
    expect(callItemsFor(null, checklists)).to.deep.equal([]);
  });
});

describe('reportFromLog with the skip rules (scoring: 2)', () => {
  const start = (rules: boolean) => ev('call-start', 0, rules ? {scoring: 2} : {});

  it('should let items bound to a step skipped with a reason inherit the skip, unless they may not be skipped', () => {
    const items = [
      item('offer', {category: 'knowledge', appliesTo: ['close']}), // close skipped: inherits
      item('greeting', {category: 'etiquette', appliesTo: ['greet']}), // done
      item('identity', {critical: true, weight: 2, appliesTo: ['verify']}), // verify skipped, not skippable
    ];
    const events = (rules: boolean) => [
      start(rules),
      ev('item-check', 2, {itemId: 'greeting'}),
      ev('step-complete', 3, {stepId: 'greet'}),
      ev('step-skip', 4, {stepId: 'verify', branch: 'pay', reason: 'verified by the IVR'}),
      ev('step-complete', 5, {stepId: 'pay'}),
      ev('step-skip', 6, {stepId: 'close', reason: 'customer declined'}),
    ];
    const report = reportFromLog(call(items), events(true), 'e');
    const got = byId(report.items);
    expect(got.get('item:offer')).to.deep.equal({
      id: 'offer',
      kind: 'item',
      title: 'Item offer',
      category: 'knowledge',
      weight: 1,
      status: 'skipped',
      reason: 'customer declined',
      skippedStep: 'close',
    });
    // A critical item does not inherit a skip its checklist does not allow: missed, the call fails.
    expect(got.get('item:identity')).to.deep.include({status: 'missed', critical: true});
    expect(got.get('item:identity')!.skippedStep).to.equal(undefined);
    expect(got.get('step:verify')).to.deep.include({status: 'skipped', reason: 'verified by the IVR'});
    expect(report.criticalFailed).to.equal(true);
    expect(report.score).to.equal(0);
    // knowledge: only offer, skipped → nothing counts → 100; etiquette 1/1; procedure identity 0/2 + greet,
    // pay 2/2 (verify skipped) but identity is a missed critical item → 0.
    expect(report.byCategory).to.deep.equal({etiquette: 100, knowledge: 100, procedure: 0});
    expect(report.review).to.equal(undefined);

    // Without identity: (greeting 1 + greet 1 + pay 1) / 3 = 100; the skipped step and item leave.
    const fair = reportFromLog(call(items.slice(0, 2)), events(true), 'e');
    expect([fair.score, fair.byCategory]).to.deep.equal([
      100,
      {etiquette: 100, knowledge: 100, procedure: 100},
    ]);
    // Before the rules (no scoring marker), the same log left offer missed: knowledge 0, (1 + 2) / 4 = 75.
    const old = reportFromLog(call(items.slice(0, 2)), events(false), 'e');
    expect(byId(old.items).get('item:offer')!.status).to.equal('missed');
    expect([old.score, old.byCategory]).to.deep.equal([75, {etiquette: 100, knowledge: 0, procedure: 100}]);
  });

  it('should refuse skips the checklist does not allow and flag skipped critical items for review', () => {
    const items = [
      // Critical, skippable only with the checklist's reasons: skipped, out of the denominator, flagged.
      item('disclosure', {
        critical: true,
        weight: 2,
        skippable: true,
        skipReasons: ['Recorded message played'],
      }),
      // Skippable, but with a reason the checklist does not list: the skip does not count.
      item('consent', {skipReasons: ['Customer declined']}),
      item('greeting', {category: 'etiquette'}),
    ];
    const events = (rules: boolean) => [
      start(rules),
      ev('item-skip', 2, {itemId: 'disclosure', reason: 'Recorded message played'}),
      ev('item-skip', 3, {itemId: 'consent', reason: 'customer in a hurry'}),
      ev('item-check', 4, {itemId: 'greeting'}),
      ev('step-complete', 5, {stepId: 'greet'}),
      ev('step-complete', 6, {stepId: 'verify', branch: 'pay'}),
      ev('step-complete', 7, {stepId: 'pay'}),
    ];
    const report = reportFromLog(call(items), events(true), 'e');
    const got = byId(report.items);
    expect(got.get('item:disclosure')).to.deep.include({
      status: 'skipped',
      reason: 'Recorded message played',
      critical: true,
      review: true,
    });
    expect(got.get('item:consent')).to.deep.include({status: 'missed', review: true});
    expect(got.get('item:consent')!.reason).to.equal(undefined);
    expect(got.get('item:greeting')!.review).to.equal(undefined);
    // procedure: consent 0/1 + greet, verify, pay 3/3 → 3/4 = 75; etiquette 1/1; all 4/5 = 80.
    expect([report.score, report.criticalFailed, report.review]).to.deep.equal([80, false, true]);
    expect(report.byCategory).to.deep.equal({etiquette: 100, procedure: 75});

    // A critical item its checklist does not let agents skip: a logged skip changes nothing, the call fails.
    const notice = item('notice', {critical: true, weight: 2, skippable: false});
    const failed = reportFromLog(
      call([...items, notice]),
      [...events(true), ev('item-skip', 8, {itemId: 'notice', reason: 'customer in a hurry'})],
      'e'
    );
    expect(byId(failed.items).get('item:notice')).to.deep.include({status: 'missed', review: true});
    expect([failed.score, failed.criticalFailed]).to.deep.equal([0, true]);

    // Before the rules every skip counted: consent and notice skipped, (1 + 3) / 4 = 100.
    const old = reportFromLog(
      call([...items, notice]),
      [...events(false), ev('item-skip', 8, {itemId: 'notice', reason: 'customer in a hurry'})],
      'e'
    );
    expect([old.score, old.criticalFailed, old.review]).to.deep.equal([100, false, undefined]);
    expect(old.items.some((i) => i.review)).to.equal(false);
  });
});
