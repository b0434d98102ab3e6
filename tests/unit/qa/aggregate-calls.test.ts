/** The QA view's pure numbers: filters (with their date edges), trend per day, most-missed, categories. */
import {expect} from '@open-wc/testing';
import {
  aggregateCalls,
  callOptions,
  filterCalls,
  localDay,
  MOST_MISSED_LIMIT,
} from '../../../src/qa/aggregate-calls.js';
import type {AdherenceItem} from '../../../src/model/report.js';
import type {QaCall} from '../../../src/model/call-log.js';

/** Days are the first 10 characters: tests of filters and trends do not depend on the time zone. */
const utcDay = (iso: string) => (Number.isNaN(Date.parse(iso)) ? '' : iso.slice(0, 10));

function item(
  id: string,
  status: AdherenceItem['status'],
  extra: Partial<AdherenceItem> = {}
): AdherenceItem {
  return {id, title: id.toUpperCase(), category: 'procedure', weight: 1, status, ...extra};
}

let n = 0;
function call(extra: Partial<QaCall['report']> = {}, scriptTitle = 'Billing'): QaCall {
  n++;
  return {
    source: 'local',
    scriptTitle,
    eventCount: 3,
    chain: {ok: true, checked: 3},
    report: {
      callId: `c${n}`,
      agentId: 'a1',
      scriptId: 'billing',
      scriptVersion: 'v1',
      startedAt: '2024-03-10T09:00:00.000Z',
      endedAt: '2024-03-10T09:05:00.000Z',
      score: 80,
      criticalFailed: false,
      byCategory: {},
      items: [],
      ...extra,
    },
  };
}

describe('localDay', () => {
  it('should give the local calendar day, also just before and after local midnight', () => {
    expect(localDay(new Date(2024, 0, 31, 23, 59, 59).toISOString())).to.equal('2024-01-31');
    expect(localDay(new Date(2024, 1, 1, 0, 0, 0).toISOString())).to.equal('2024-02-01');
    expect(localDay(new Date(2024, 11, 5, 12).toISOString())).to.equal('2024-12-05');
  });

  it('should give an empty string for a timestamp that does not parse', () => {
    expect(localDay('not a date')).to.equal('');
    expect(localDay('')).to.equal('');
  });
});

describe('filterCalls', () => {
  const calls = [
    call({agentId: 'a1', scriptId: 'billing', startedAt: '2024-03-09T23:59:59.000Z'}),
    call({agentId: 'a2', scriptId: 'billing', startedAt: '2024-03-10T00:00:00.000Z'}),
    call({agentId: 'a1', scriptId: 'roaming', startedAt: '2024-03-11T12:00:00.000Z'}),
    call({agentId: 'a2', scriptId: 'roaming', startedAt: '2024-03-12T00:00:00.000Z'}),
    call({agentId: 'a1', scriptId: 'billing', startedAt: 'garbage'}),
  ];
  const ids = (cs: QaCall[]) => cs.map((c) => c.report.callId);
  const [c1, c2, c3, c4, c5] = ids(calls);

  it('should return every call when the filter is empty', () => {
    expect(filterCalls(calls, {}, utcDay)).to.equal(calls);
  });

  it('should filter by agent and by script, together', () => {
    expect(ids(filterCalls(calls, {agentId: 'a1'}, utcDay))).to.deep.equal([c1, c3, c5]);
    expect(ids(filterCalls(calls, {scriptId: 'roaming'}, utcDay))).to.deep.equal([c3, c4]);
    expect(ids(filterCalls(calls, {agentId: 'a2', scriptId: 'roaming'}, utcDay))).to.deep.equal([c4]);
    expect(filterCalls(calls, {agentId: 'nobody'}, utcDay)).to.deep.equal([]);
  });

  it('should include both ends of the date range', () => {
    expect(ids(filterCalls(calls, {from: '2024-03-10', to: '2024-03-11'}, utcDay))).to.deep.equal([c2, c3]);
    expect(ids(filterCalls(calls, {from: '2024-03-10', to: '2024-03-10'}, utcDay))).to.deep.equal([c2]);
  });

  it('should apply an open-ended range from one side only', () => {
    expect(ids(filterCalls(calls, {from: '2024-03-11'}, utcDay))).to.deep.equal([c3, c4]);
    expect(ids(filterCalls(calls, {to: '2024-03-09'}, utcDay))).to.deep.equal([c1]);
  });

  it('should match nothing when from is after to', () => {
    expect(filterCalls(calls, {from: '2024-03-12', to: '2024-03-10'}, utcDay)).to.deep.equal([]);
  });

  it('should leave out calls without a valid start time only when a date bound is set', () => {
    expect(ids(filterCalls(calls, {agentId: 'a1'}, utcDay))).to.include(c5);
    expect(ids(filterCalls(calls, {from: '2000-01-01'}, utcDay))).to.not.include(c5);
  });

  it('should use local days by default', () => {
    const late = call({startedAt: new Date(2024, 2, 10, 23, 30).toISOString()});
    const early = call({startedAt: new Date(2024, 2, 11, 0, 30).toISOString()});
    expect(filterCalls([late, early], {to: '2024-03-10'})).to.deep.equal([late]);
    expect(filterCalls([late, early], {from: '2024-03-11'})).to.deep.equal([early]);
  });
});

describe('aggregateCalls', () => {
  it('should summarize no calls as zeros and empty lists', () => {
    expect(aggregateCalls([])).to.deep.equal({
      count: 0,
      meanScore: null,
      criticalFailures: 0,
      trend: [],
      mostMissed: [],
      byCategory: {},
      agents: [],
      scripts: [],
    });
  });

  it('should count calls, average scores and count critical failures', () => {
    const agg = aggregateCalls(
      [call({score: 90}), call({score: 60, criticalFailed: true}), call({score: 75})],
      utcDay
    );
    expect(agg.count).to.equal(3);
    expect(agg.meanScore).to.equal(75);
    expect(agg.criticalFailures).to.equal(1);
  });

  it('should give one trend point per day with calls, oldest first, whatever the input order', () => {
    const agg = aggregateCalls(
      [
        call({startedAt: '2024-03-12T08:00:00Z', score: 50}),
        call({startedAt: '2024-03-10T08:00:00Z', score: 100}),
        call({startedAt: '2024-03-12T18:00:00Z', score: 70}),
        call({startedAt: '2024-03-10T09:00:00Z', score: 80}),
        call({startedAt: '2024-03-10T10:00:00Z', score: 60}),
        call({startedAt: 'garbage', score: 0}),
      ],
      utcDay
    );
    expect(agg.trend).to.deep.equal([
      {day: '2024-03-10', meanScore: 80, count: 3},
      {day: '2024-03-12', meanScore: 60, count: 2},
    ]);
    // The undated call still counts in the totals.
    expect(agg.count).to.equal(6);
  });

  it('should count missed, late and skipped per item, and the calls where it applied', () => {
    const agg = aggregateCalls(
      [
        call({items: [item('greet', 'missed'), item('verify', 'late'), item('recap', 'done')]}),
        call({items: [item('greet', 'missed'), item('verify', 'done'), item('recap', 'skipped')]}),
        call({items: [item('greet', 'n/a'), item('verify', 'late'), item('recap', 'late')]}),
        call({items: [item('greet', 'done'), item('verify', 'skipped'), item('recap', 'n/a')]}),
        call({items: [item('ok', 'done'), item('skipper', 'skipped')]}),
      ],
      utcDay
    );
    expect(agg.mostMissed).to.deep.equal([
      {id: 'greet', kind: 'item', title: 'GREET', missed: 2, late: 0, skipped: 0, applicable: 3},
      {id: 'verify', kind: 'item', title: 'VERIFY', missed: 0, late: 2, skipped: 1, applicable: 4},
      {id: 'recap', kind: 'item', title: 'RECAP', missed: 0, late: 1, skipped: 1, applicable: 3},
    ]);
  });

  it('should rank by missed, then late, and keep the top ten', () => {
    const calls: QaCall[] = [];
    // Item iN is missed N times and late (12 - N) times, for N = 1..12.
    for (let c = 0; c < 12; c++) {
      calls.push(
        call({
          items: Array.from({length: 12}, (_, k) => item(`i${k + 1}`, c < k + 1 ? 'missed' : 'late')),
        })
      );
    }
    calls.push(call({items: [item('x', 'late'), item('y', 'late'), item('y2', 'late')]}));
    const agg = aggregateCalls(calls, utcDay);
    expect(agg.mostMissed).to.have.length(MOST_MISSED_LIMIT);
    expect(agg.mostMissed.map((m) => m.id)).to.deep.equal([
      'i12',
      'i11',
      'i10',
      'i9',
      'i8',
      'i7',
      'i6',
      'i5',
      'i4',
      'i3',
    ]);
    expect(agg.mostMissed[0]).to.include({missed: 12, late: 0, applicable: 12});
    expect(agg.mostMissed[9]).to.include({missed: 3, late: 9});

    const ties = aggregateCalls(
      [call({items: [item('a', 'late'), item('b', 'missed')]}), call({items: [item('a', 'late')]})],
      utcDay
    );
    expect(ties.mostMissed.map((m) => m.id)).to.deep.equal(['b', 'a']);
  });

  it('should keep a checklist item and a script step with the same id apart, and count an item once per call', () => {
    const agg = aggregateCalls(
      [
        call({
          items: [
            item('greet', 'missed', {kind: 'step', title: 'Greet (step)'}),
            item('greet', 'late', {kind: 'item', title: 'Greet (item)'}),
            item('greet', 'late', {kind: 'item', title: 'Greet (item)'}),
          ],
        }),
      ],
      utcDay
    );
    expect(agg.mostMissed).to.deep.equal([
      {id: 'greet', kind: 'step', title: 'Greet (step)', missed: 1, late: 0, skipped: 0, applicable: 1},
      {id: 'greet', kind: 'item', title: 'Greet (item)', missed: 0, late: 1, skipped: 0, applicable: 1},
    ]);
  });

  it('should use the id as the title when no report names the item', () => {
    const agg = aggregateCalls([call({items: [{...item('no-title', 'missed'), title: undefined}]})], utcDay);
    expect(agg.mostMissed[0]!.title).to.equal('no-title');
  });

  it('should average each category over the calls that have it', () => {
    const agg = aggregateCalls(
      [
        call({byCategory: {etiquette: 100, procedure: 50}}),
        call({byCategory: {etiquette: 80}}),
        call({byCategory: {etiquette: 60, procedure: 70}}),
        call({byCategory: {}}),
      ],
      utcDay
    );
    expect(agg.byCategory).to.deep.equal({etiquette: 80, procedure: 60});
    expect(agg.byCategory).to.not.have.property('knowledge');
  });

  it('should list agents and scripts, sorted, once each', () => {
    const calls = [
      call({agentId: 'zoe', scriptId: 'roaming'}, 'Roaming'),
      call({agentId: 'amy', scriptId: 'billing'}, 'Billing'),
      call({agentId: 'zoe', scriptId: 'billing'}, 'Billing'),
      call({agentId: 'amy', scriptId: 'outage'}, ''),
    ];
    const expected = {
      agents: ['amy', 'zoe'],
      scripts: [
        {id: 'billing', title: 'Billing'},
        {id: 'outage', title: 'outage'},
        {id: 'roaming', title: 'Roaming'},
      ],
    };
    expect(aggregateCalls(calls, utcDay)).to.deep.include(expected);
    expect(callOptions(calls)).to.deep.equal(expected);
  });

  // Its speed is measured by `npm run bench -- compliance` (against a naive mean), not timed here.
  it('should aggregate 4,000 calls of 25 items', () => {
    const statuses: AdherenceItem['status'][] = ['done', 'done', 'late', 'missed', 'skipped', 'n/a'];
    const calls: QaCall[] = [];
    for (let c = 0; c < 4000; c++) {
      calls.push(
        call({
          agentId: `a${c % 20}`,
          startedAt: new Date(Date.UTC(2024, 0, 1 + (c % 90), 9)).toISOString(),
          score: c % 101,
          byCategory: {procedure: c % 100, etiquette: 50},
          items: Array.from({length: 25}, (_, k) => item(`item-${k}`, statuses[(c + k) % statuses.length]!)),
        })
      );
    }
    const agg = aggregateCalls(filterCalls(calls, {from: '2024-01-15'}));
    expect(agg.trend.length).to.be.greaterThan(70);
    expect(agg.mostMissed).to.have.length(MOST_MISSED_LIMIT);
  });
});
