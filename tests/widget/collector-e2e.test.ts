/**
 * End to end: the built widget of two agents uploads to the real collector (`npm run collector` on its
 * embedded database, started by the `aa-collector` server command) through a network cut mid-call; the
 * collector then holds each logged event once, every call intact; and a QA lead's widget, given the
 * collector's URL and a QA token, shows both agents' calls in its Quality tab.
 */
import {expect} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';
import {longCommand} from './long-command.js';
import {crmPage, run} from './isolated-page.js';

interface Collector {
  id: string;
  url: string;
  agentTokens: Record<string, string>;
  qaToken: string;
}

const AGENTS = ['a-e2e-1', 'a-e2e-2'];

const HELPERS = `await customElements.whenDefined('agent-assist');
  const el = document.querySelector('agent-assist');
  const waitFor = async (test, ms = 15000) => { for (const end = Date.now() + ms; Date.now() < end && !(await test()); ) await new Promise((r) => setTimeout(r, 50)); return test(); };
  const badge = () => el.shadowRoot.querySelector('.badge.sync')?.textContent.replace(/\\s+/g, ' ').trim() ?? '';`;

/** The collector's answer to a QA request, from this page (its origin is on the collector's CORS list). */
async function qaGet<T>(c: Collector, path: string): Promise<T> {
  const response = await fetch(new URL(path, c.url), {headers: {Authorization: `Bearer ${c.qaToken}`}});
  expect(response.status, path).to.equal(200);
  return (await response.json()) as T;
}

describe('the widget and the collector, end to end', function () {
  this.timeout(120_000);
  let collector: Collector;

  before(async () => {
    collector = await longCommand<Collector>('aa-collector', {start: {agents: AGENTS}});
  });

  after(async () => {
    if (collector) await executeServerCommand('aa-collector', {stop: collector.id});
  });

  it('should hold every event of two agents once, every call intact, through a network cut', async () => {
    const logged: Record<string, string[]> = {};
    for (const agent of AGENTS) {
      const url = await crmPage('', `agent-id="${agent}" sync-url="${collector.url}/v1/events"`);
      const results = await run(url, [
        {
          eval: `${HELPERS}
            el.syncAuth = async () => 'Bearer ${collector.agentTokens[agent]}';
            await waitFor(async () => (await el.search('refund')).length > 0);
            await el.startCall({callId: '${agent}-c1', scriptId: 'billing-inbound'});
            await el.checkItem('greeting');
            return null;`,
        },
        // The network goes mid-call: the call goes on and is logged.
        {offline: true},
        {
          eval: `${HELPERS}
            await el.checkItem('recording-notice');
            await el.completeStep();
            await el.endCall();
            await el.startCall({callId: '${agent}-c2', scriptId: 'billing-inbound'});
            await el.checkItem('greeting');
            await el.endCall();
            return badge();`,
        },
        {offline: false},
        {
          eval: `${HELPERS}
            await waitFor(() => badge().startsWith('All uploaded'), 20000);
            const file = JSON.parse(await (await el.exportLog({format: 'json'})).text());
            return {badge: badge(), ids: file.events.filter((e) => e.callId.startsWith('${agent}')).map((e) => e.eventId)};`,
        },
      ]);
      expect(results[2]).to.match(/to upload/);
      const done = results[4] as {badge: string; ids: string[]};
      expect(done.badge).to.match(/^All uploaded/);
      logged[agent] = done.ids;
    }

    const page = await qaGet<{
      calls: Array<{
        callId: string;
        agentId: string;
        status: string;
        eventCount: number;
        score: number | null;
      }>;
    }>(collector, '/v1/calls?limit=50');
    const ours = page.calls.filter((c) => AGENTS.includes(c.agentId));
    expect(ours.map((c) => c.callId).sort()).to.deep.equal(
      AGENTS.flatMap((a) => [`${a}-c1`, `${a}-c2`]).sort()
    );
    for (const call of ours) {
      expect(call.status, call.callId).to.equal('intact');
      expect(call.score, call.callId).to.be.a('number');
    }
    // Each logged event is there once: the per-call counts add up to exactly what the agents logged.
    const held = ours.reduce((n, c) => n + c.eventCount, 0);
    expect(held).to.equal(Object.values(logged).flat().length);
    for (const agent of AGENTS) {
      const file = await qaGet<{events: Array<{eventId: string}>}>(
        collector,
        `/v1/export?format=json&agent=${agent}`
      );
      const ids = file.events.map((e) => e.eventId);
      expect(new Set(ids).size).to.equal(ids.length);
      expect([...ids].sort()).to.deep.equal([...logged[agent]!].sort());
    }
  });

  it('should show a QA lead both agents’ calls from the collector, filter them and open one', async () => {
    const url = await crmPage('', `agent-id="qa-lead" section="qa" qa-url="${collector.url}"`);
    const [result] = await run(url, [
      {
        eval: `${HELPERS}
          el.qaAuth = async () => 'Bearer ${collector.qaToken}';
          const view = () => el.shadowRoot.querySelector('aa-qa-view')?.shadowRoot;
          const rows = () => [...(view()?.querySelectorAll('table.calls tbody tr') ?? [])];
          const agents = () => rows().map((r) => r.children[1].textContent.trim());
          await waitFor(() => agents().length >= 4);
          const all = agents().sort();
          const chains = rows().map((r) => r.children[5].textContent.trim());
          const select = view().querySelector('.filters select');
          select.value = '${AGENTS[1]}';
          select.dispatchEvent(new Event('change'));
          await waitFor(() => agents().length === 2 && agents().every((a) => a === '${AGENTS[1]}'));
          const filtered = agents();
          rows()[0].querySelector('button').click();
          await waitFor(() => (view().querySelectorAll('.events li').length ?? 0) > 0);
          return {all, chains, filtered, events: view().querySelectorAll('.events li').length,
            items: view().querySelectorAll('.items li').length, source: view().querySelector('.source')?.textContent ?? '',
            summary: [...view().querySelectorAll('.summary dd')].map((d) => d.textContent.trim())};`,
      },
    ]);
    const r = result as {
      all: string[];
      chains: string[];
      filtered: string[];
      events: number;
      items: number;
      source: string;
      summary: string[];
    };
    expect(r.all).to.deep.equal([AGENTS[0], AGENTS[0], AGENTS[1], AGENTS[1]]);
    expect(r.chains.every((c) => c.includes('intact'))).to.equal(true);
    expect(r.filtered).to.deep.equal([AGENTS[1], AGENTS[1]]);
    // The collector's numbers for the filter: that agent's two calls.
    expect(r.summary[0]).to.equal('2');
    expect(r.events).to.be.greaterThan(1);
    // The whole report comes with the call: its items, not the list's summary.
    expect(r.items).to.be.greaterThan(0);
    expect(r.source).to.contain(collector.url);
  });
});
