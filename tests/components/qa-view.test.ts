/**
 * `<aa-qa-view>` on fixture calls: the table, summary and filters, a call's timeline from loadTimeline,
 * the import and export events, the lazily loaded chart, and the empty states.
 */
import {expect, oneEvent, waitUntil} from '@open-wc/testing';
import type uPlot from 'uplot';
import {AaQaView} from '../../src/components/qa-view/qa-view.js';
import type {QaExportDetail, QaImportDetail} from '../../src/components/qa-view/qa-view.js';
import {dayStart} from '../../src/components/qa-view/qa-format.js';
import {contextHost} from './harness.js';
import type {QaTimelineEvent} from '../../src/qa/qa-types.js';
import type {AdherenceItem} from '../../src/model/report.js';
import type {QaCall} from '../../src/model/call-log.js';

if (!customElements.get('aa-qa-view')) customElements.define('aa-qa-view', AaQaView);

/** A local time on a day of March 2024, as ISO (so local-day filters hold in any time zone). */
const at = (day: number, hour = 10) => new Date(2024, 2, day, hour).toISOString();

function item(
  id: string,
  status: AdherenceItem['status'],
  extra: Partial<AdherenceItem> = {}
): AdherenceItem {
  return {id, title: `Item ${id}`, category: 'procedure', weight: 1, status, ...extra};
}

function call(callId: string, extra: Partial<QaCall['report']> = {}, more: Partial<QaCall> = {}): QaCall {
  return {
    source: 'local',
    scriptTitle: 'Billing inbound',
    eventCount: 4,
    chain: {ok: true, checked: 4},
    ...more,
    report: {
      callId,
      agentId: 'amy',
      scriptId: 'billing',
      scriptVersion: 'v1',
      startedAt: at(10),
      endedAt: at(10, 11),
      score: 80,
      criticalFailed: false,
      byCategory: {procedure: 80, etiquette: 90},
      items: [],
      ...extra,
    },
  };
}

const CALLS: QaCall[] = [
  call('c1', {
    startedAt: at(10),
    score: 90,
    items: [
      item('greet', 'done', {at: 3.2, deadline: 10, category: 'etiquette'}),
      item('verify', 'late', {at: 42.5, deadline: 30, critical: true}),
      item('recap', 'skipped', {reason: 'Customer hung up'}),
      item('disclose', 'missed', {deadline: 60}),
      item('upsell', 'n/a'),
    ],
  }),
  call('c2', {
    agentId: 'zoe',
    startedAt: at(11),
    score: 60,
    criticalFailed: true,
    items: [item('disclose', 'missed')],
  }),
  call(
    'c3',
    {agentId: 'zoe', scriptId: 'roaming', startedAt: at(12), score: 70},
    {scriptTitle: 'Roaming', source: 'team-a.json', chain: {ok: false, checked: 2, brokenAt: 'seq 3'}}
  ),
];

const EVENTS: QaTimelineEvent[] = [
  {seq: 2, type: 'step', offset: 12.9, clientTs: at(10), data: {stepId: 'verify'}},
  {seq: 1, type: 'call-start', offset: 0, clientTs: at(10), data: {scriptId: 'billing'}},
  {seq: 3, type: 'call-end', offset: 95, clientTs: at(10), data: {outcome: 'resolved'}},
];

async function view(calls = CALLS, loadTimeline: AaQaView['loadTimeline'] = null): Promise<AaQaView> {
  const el = document.createElement('aa-qa-view');
  el.calls = calls;
  el.loadTimeline = loadTimeline;
  (await contextHost('en')).append(el);
  await el.updateComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: AaQaView, sel: string) =>
  el.shadowRoot!.querySelector<T>(sel)!;
const $$ = <T extends Element = HTMLElement>(el: AaQaView, sel: string) => [
  ...el.shadowRoot!.querySelectorAll<T>(sel),
];
const text = (e: Element | null) => e?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const rows = (el: AaQaView) => $$(el, 'table.calls tbody tr');
const summary = (el: AaQaView) => $$(el, '.summary dd').map(text);

/** The uPlot instance the view's trend chart drew, if any (it keeps it private; the test reads its data). */
const drawn = (el: AaQaView): uPlot | null =>
  (el as unknown as {_chart: {_chart: uPlot | null}})._chart._chart;

/** The points the chart holds, as [x (seconds), mean score]. */
function plotted(el: AaQaView): [number, number | null | undefined][] | null {
  const chart = drawn(el);
  if (!chart) return null;
  const [xs, ys] = chart.data;
  return [...xs].map((t, i) => [t, ys![i]]);
}

async function choose(el: AaQaView, sel: string, value: string) {
  const control = $<HTMLSelectElement | HTMLInputElement>(el, sel);
  control.value = value;
  control.dispatchEvent(new Event('change'));
  await el.updateComplete;
}

describe('<aa-qa-view>', () => {
  it('should list the calls newest first with agent, script, score, critical mark, chain and source', async () => {
    const el = await view();
    const r = rows(el);
    expect(r).to.have.length(3);
    const cells = r.map((tr) => [...tr.querySelectorAll('td')].map(text));
    expect(cells[0]!.slice(1)).to.deep.equal(['zoe', 'Roaming', '70', '', 'broken at seq 3', 'team-a.json']);
    expect(cells[1]!.slice(1)).to.deep.equal([
      'zoe',
      'Billing inbound',
      '60',
      '✗Critical failure',
      '✓ intact',
      'this desktop',
    ]);
    expect(cells[2]![2]).to.equal('Billing inbound');
    expect(r[0]!.querySelector('td button')).to.not.equal(null);
    expect(text($(el, 'table.calls caption'))).to.equal('Showing 3 of 3 calls, newest first.');
  });

  it('should show the summary, categories and most-missed items', async () => {
    const el = await view();
    expect(summary(el)).to.deep.equal(['3', '73.3', '1']);
    expect($$(el, '.bars li').map(text)).to.deep.equal(['Etiquette 90', 'Procedure 80']);
    const missed = $$(el, 'ol.missed li').map(text);
    expect(missed[0]).to.equal('Item disclose 2 missed · 0 late · 0 skipped, of 2 calls');
    expect(missed[1]).to.equal('Item verify 0 missed · 1 late · 0 skipped, of 1 call');
  });

  it('should filter the table and summary by agent, script and dates', async () => {
    const el = await view();
    await choose(el, 'select', 'zoe');
    expect(rows(el)).to.have.length(2);
    expect(summary(el)).to.deep.equal(['2', '65', '1']);
    await choose(el, 'select:nth-of-type(1)', 'zoe');
    const [, script] = $$<HTMLSelectElement>(el, 'select');
    script!.value = 'roaming';
    script!.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(rows(el).map((tr) => text(tr.querySelector('td:nth-child(3)')))).to.deep.equal(['Roaming']);

    await choose(el, 'select', '');
    script!.value = '';
    script!.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const [from, to] = $$<HTMLInputElement>(el, 'input[type=date]');
    from!.value = '2024-03-11';
    from!.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(rows(el)).to.have.length(2);
    to!.value = '2024-03-11';
    to!.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(rows(el).map((tr) => text(tr.querySelector('td:nth-child(2)')))).to.deep.equal(['zoe']);
    expect(summary(el)[0]).to.equal('1');

    to!.value = '2024-03-01';
    to!.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(text($(el, '.empty'))).to.equal('No calls match these filters.');
    expect(rows(el)).to.have.length(0);
  });

  it('should open a call to show its items against deadlines and its logged events in order', async () => {
    const asked: QaCall[] = [];
    const el = await view(CALLS, async (c) => {
      asked.push(c);
      return {events: EVENTS};
    });
    rows(el)[2]!.querySelector('button')!.click();
    await el.updateComplete;
    expect(asked.map((c) => c.report.callId)).to.deep.equal(['c1']);
    expect(el.shadowRoot!.querySelector('.detail')).to.not.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal($(el, '.detail-head'));
    expect(text($(el, '.detail-head'))).to.contain('Billing inbound · amy');
    await waitUntil(() => $$(el, '.events li').length === 3, 'events should render');

    const items = $$(el, '.items li');
    expect(items.map((li) => li.className)).to.deep.equal(['done', 'late', 'skipped', 'missed', 'na']);
    expect(text(items[0]!.querySelector('.timing'))).to.equal('3.2 s / due 10 s');
    expect(text(items[1]!.querySelector('.timing'))).to.equal('42.5 s / due 30 s');
    expect(text(items[1])).to.contain('(late)').and.contain('critical');
    expect(text(items[2])).to.contain('Reason: Customer hung up');
    expect(text(items[3]!.querySelector('.timing'))).to.equal('— / due 60 s');

    const events = $$(el, '.events li').map(text);
    expect(events).to.deep.equal([
      '+0 s call-start scriptId: billing',
      '+12.9 s step stepId: verify',
      '+95 s call-end outcome: resolved',
    ]);

    // Back returns to the list, with focus on the row that opened the call.
    $(el, '.detail button').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.detail')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(rows(el)[2]!.querySelector('button'));
  });

  it('should say when a timeline cannot be loaded or is not available', async () => {
    const failing = await view(CALLS, () => Promise.reject(new Error('gone')));
    rows(failing)[0]!.querySelector('button')!.click();
    await waitUntil(() => text(failing.shadowRoot!.querySelector('[role=alert]')) !== '');
    expect(text($(failing, '[role=alert]'))).to.equal('The logged events could not be loaded.');

    const none = await view(CALLS, null);
    rows(none)[0]!.querySelector('button')!.click();
    await none.updateComplete;
    expect(text($(none, '.detail'))).to.contain('The logged events of this call are not available here.');
  });

  it('should fire aa-internal-qa-import with the chosen files', async () => {
    const el = await view();
    const input = $<HTMLInputElement>(el, 'input[type=file]');
    expect(input.multiple).to.equal(true);
    expect(input.accept).to.contain('.json');
    expect(text(input.closest('label'))).to.equal('Import JSON files');
    const dt = new DataTransfer();
    dt.items.add(new File(['[]'], 'a.json', {type: 'application/json'}));
    dt.items.add(new File(['[]'], 'b.json', {type: 'application/json'}));
    input.files = dt.files;
    const fired = oneEvent(el, 'aa-internal-qa-import');
    input.dispatchEvent(new Event('change', {bubbles: true}));
    const e = (await fired) as CustomEvent<QaImportDetail>;
    // Internal: it bubbles inside the widget but never reaches the host page.
    expect([e.bubbles, e.composed]).to.deep.equal([true, false]);
    expect(e.detail.files.map((f) => f.name)).to.deep.equal(['a.json', 'b.json']);
  });

  it('should fire aa-internal-qa-export with the format and the current filter', async () => {
    const el = await view();
    await choose(el, 'select', 'amy');
    const [json, csv] = $$<HTMLButtonElement>(el, '.actions button');
    expect(text(json!)).to.equal('Export JSON');
    let fired = oneEvent(el, 'aa-internal-qa-export');
    json!.click();
    let e = (await fired) as CustomEvent<QaExportDetail>;
    expect(e.composed).to.equal(false);
    expect(e.detail).to.deep.equal({format: 'json', filter: {agentId: 'amy'}});
    fired = oneEvent(el, 'aa-internal-qa-export');
    csv!.click();
    e = (await fired) as CustomEvent<QaExportDetail>;
    expect(e.detail).to.deep.equal({format: 'csv', filter: {agentId: 'amy'}});
  });

  it('should draw the trend chart after loading uPlot, with the same numbers in a table', async () => {
    const el = await view();
    const plot = $(el, '.chart-plot');
    expect(plot.getAttribute('role')).to.equal('img');
    expect(plot.getAttribute('aria-label')).to.equal('Mean score per day, 3 days from Mar 10 to Mar 12');
    await waitUntil(() => drawn(el), 'the chart should draw');
    // The chart plots each day's mean score at the start of that (local) day.
    expect(plotted(el)).to.deep.equal([
      [dayStart('2024-03-10'), 90],
      [dayStart('2024-03-11'), 60],
      [dayStart('2024-03-12'), 70],
    ]);
    const table = $(el, 'table.trend');
    // Days as the chart's axis and the caption write them (Intl, in the UI language).
    expect([...table.querySelectorAll('tbody tr')].map(text)).to.deep.equal([
      'Mar 10 90 1',
      'Mar 11 60 1',
      'Mar 12 70 1',
    ]);
    const pixels = $<HTMLCanvasElement>(el, '.chart-plot canvas').toDataURL();

    // Redrawn for the filtered calls: zoe's two days only, in the chart, its axis, its label and its table.
    await choose(el, 'select', 'zoe');
    await waitUntil(() => plotted(el)?.length === 2, 'the chart should be redrawn with the filtered calls', {
      timeout: 3000,
    });
    expect(plotted(el)).to.deep.equal([
      [dayStart('2024-03-11'), 60],
      [dayStart('2024-03-12'), 70],
    ]);
    // The x axis follows: half a day either side of the first and last of the new days.
    const x = drawn(el)!.scales.x!;
    const halfDay = 12 * 3600;
    expect([x.min, x.max]).to.deep.equal([
      dayStart('2024-03-11') - halfDay,
      dayStart('2024-03-12') + halfDay,
    ]);
    expect(plot.getAttribute('aria-label')).to.equal('Mean score per day, 2 days from Mar 11 to Mar 12');
    expect([...$(el, 'table.trend').querySelectorAll('tbody tr')].map(text)).to.deep.equal([
      'Mar 11 60 1',
      'Mar 12 70 1',
    ]);
    // What is on screen changed too, not only the numbers behind it.
    await waitUntil(
      () => $<HTMLCanvasElement>(el, '.chart-plot canvas').toDataURL() !== pixels,
      'the canvas should show the filtered calls',
      {timeout: 3000}
    );
    expect(el.shadowRoot!.querySelectorAll('.uplot')).to.have.length(1);
    // Removed with the element.
    el.remove();
    expect(el.shadowRoot!.querySelector('.uplot')).to.equal(null);
  });

  it('should list calls a page at a time, say how many there are, and show more on request', async () => {
    const many = Array.from({length: 120}, (_, i) => call(`m${i}`, {startedAt: at(1 + (i % 28), i % 24)}));
    const el = await view(many);
    expect(rows(el)).to.have.length(50);
    expect(text($(el, 'table.calls caption'))).to.equal('Showing 50 of 120 calls, newest first.');
    expect(summary(el)[0]).to.equal('120');
    const more = () => el.shadowRoot!.querySelector<HTMLButtonElement>('button.more');
    expect(text(more()!)).to.equal('Show 50 more');
    more()!.click();
    await el.updateComplete;
    more()!.click();
    await el.updateComplete;
    expect(rows(el)).to.have.length(120);
    expect(more()).to.equal(null);
  });

  it('should show an empty state and the import control when there are no calls', async () => {
    const el = await view([]);
    expect(text($(el, '.empty'))).to.contain('No calls to review yet.');
    expect(el.shadowRoot!.querySelector('input[type=file]')).to.not.equal(null);
    expect(el.shadowRoot!.querySelector('table')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.chart-plot')).to.equal(null);
  });

  it('should show the message as a status and disable import and export while busy', async () => {
    const el = await view();
    el.message = 'Imported 3 calls from 1 file.';
    el.busy = true;
    await el.updateComplete;
    expect(text($(el, '[role=status]'))).to.equal('Imported 3 calls from 1 file.');
    expect($<HTMLInputElement>(el, 'input[type=file]').disabled).to.equal(true);
    expect($$<HTMLButtonElement>(el, '.actions button').every((b) => b.disabled)).to.equal(true);
  });

  it('should be accessible', async () => {
    const el = await view();
    await expect(el).to.be.accessible();
    rows(el)[0]!.querySelector('button')!.click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});

describe('aa-qa-view with the collector (remote)', () => {
  const aggregate = {
    count: 120,
    meanScore: 75,
    criticalFailures: 3,
    trend: [{day: '2024-03-10', meanScore: 75, count: 120}],
    mostMissed: [],
    byCategory: {procedure: 75},
    agents: ['amy', 'zoe'],
    scripts: [{id: 'billing', title: 'Billing inbound'}],
  };
  const remote = (calls: QaCall[], hasMore: boolean) => ({
    url: 'https://collector.example',
    calls,
    aggregate,
    options: {agents: ['amy', 'zoe'], scripts: [{id: 'billing', title: 'Billing inbound'}]},
    hasMore,
  });

  it('should ask for the collector’s calls when set and on each filter change, show its numbers and page on', async () => {
    const el = document.createElement('aa-qa-view');
    const queries: unknown[] = [];
    el.addEventListener('aa-internal-qa-query', (e) => queries.push((e as CustomEvent).detail.filter));
    let more = 0;
    el.addEventListener('aa-internal-qa-more', () => more++);
    el.remote = remote([], false);
    (await contextHost('en')).append(el);
    await el.updateComplete;
    expect(queries).to.deep.equal([{}]);
    const teamCalls = [
      call('r1', {}, {source: 'collector · billing'}),
      call('r2', {}, {chain: {ok: false, checked: 3, incomplete: true}}),
    ];
    el.remote = remote(teamCalls, true);
    await el.updateComplete;
    // No import from files with a collector: the team's calls come from it.
    expect(el.shadowRoot!.querySelector('input[type=file]')).to.equal(null);
    expect(text($(el, '.source'))).to.contain('https://collector.example');
    expect(summary(el)[0]).to.equal('120');
    expect(rows(el)).to.have.length(2);
    expect(text($(el, 'table.calls caption'))).to.contain('120');
    expect(text(rows(el)[1]!)).to.contain('waiting for events');
    $(el, 'button.more').click();
    expect(more).to.equal(1);
    const agent = $<HTMLSelectElement>(el, '.filters select');
    agent.value = 'zoe';
    agent.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(queries).to.deep.equal([{}, {agentId: 'zoe'}]);
  });
});
