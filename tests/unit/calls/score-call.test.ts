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
