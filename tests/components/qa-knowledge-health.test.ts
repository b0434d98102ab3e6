/** The QA view's knowledge-health section with a collector: loaded when opened, the report's rows shown. */
import {expect, waitUntil} from '@open-wc/testing';
import {AaQaView} from '../../src/components/qa-view/qa-view.js';
import type {HealthReport} from '../../src/health/health-report.js';
import type {QaFilter} from '../../src/qa/qa-types.js';
import {contextHost} from './harness.js';

if (!customElements.get('aa-qa-view')) customElements.define('aa-qa-view', AaQaView);

const REPORT: HealthReport = {
  from: null,
  to: null,
  today: '2026-11-30',
  events: 3,
  agents: 2,
  flagged: [],
  zeroResult: [{query: '欠费停机', count: 3, agents: 2}],
  abandoned: [],
  suggestedAliases: [
    {articleId: 'billing/refunds', title: 'Refunds', lang: 'en', alias: 'money back', count: 2, agents: 2},
  ],
  overdue: [],
  neverOpened: [],
  mostOpened: [],
};

describe('aa-qa-view knowledge health (remote)', () => {
  it('should load the team report when the section opens and show its rows', async () => {
    const el = document.createElement('aa-qa-view');
    const asked: QaFilter[] = [];
    el.remote = {
      url: 'https://collector.example',
      calls: [],
      aggregate: null,
      options: {agents: [], scripts: []},
      hasMore: false,
    };
    el.loadHealth = async (filter) => {
      asked.push(filter);
      return REPORT;
    };
    (await contextHost('en')).append(el);
    await el.updateComplete;
    const details = el.shadowRoot!.querySelector<HTMLDetailsElement>('details.knowledge-health')!;
    expect(details.querySelector('summary')!.textContent).to.equal('Knowledge health');
    expect(asked).to.deep.equal([]);
    details.open = true;
    await waitUntil(() => el.shadowRoot!.querySelectorAll('.health-table').length === 7);
    expect(asked).to.deep.equal([{}]);
    const tables = [...el.shadowRoot!.querySelectorAll('.health-table')];
    const aliases = tables.find((t) =>
      t.querySelector('caption')!.textContent!.includes('Suggested aliases')
    )!;
    expect([...aliases.querySelectorAll('tbody td')].map((td) => td.textContent)).to.deep.equal([
      'billing/refunds',
      'Refunds',
      'en',
      'money back',
      '2',
      '2',
    ]);
    expect(tables[1]!.querySelector('tbody td')!.textContent).to.equal('欠费停机');
  });

  it('should have no knowledge-health section without a collector', async () => {
    const el = document.createElement('aa-qa-view');
    (await contextHost('en')).append(el);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('details.knowledge-health')).to.equal(null);
  });
});
