/**
 * The QA read APIs on both databases return what was ingested: the list with filters and keyset paging,
 * a call with its events and report (scored exactly as the widget scores), aggregates equal to the
 * widget's own aggregateCalls, and exports the widget's QA import accepts.
 */
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, afterEach, before, beforeEach, describe} from 'node:test';
import {reportFromLog} from '../../src/calls/report-from-log.js';
import {pinnedContentProblem} from '../../src/calls/pinned-content.js';
import {pinsFromPack} from '../../src/collector/pins/pins-from-pack.js';
import type {Aggregates, CallDetail, CallRow} from '../../src/collector/store/collector-store.js';
import type {LogEvent, QaCall} from '../../src/model/call-log.js';
import {aggregateCalls} from '../../src/qa/aggregate-calls.js';
import {parseLogFile} from '../../src/qa/log-file.js';
import {verifyChain} from '../../src/storage/event-log.js';
import {FAILED_CALL, GOOD_CALL, ITEMS, SCRIPT, makeCall, writePack} from './support/calls.js';
import {backends, get, post, startServer, tokenFor, itOn} from './support/harness.js';
import type {Fresh, Server} from './support/harness.js';

const day = (d: string) => new Date(`${d}T09:00:00.000Z`);

/** The team's calls: [agent, actions, start, script?, ended?]. */
async function teamCalls(): Promise<LogEvent[][]> {
  return Promise.all([
    makeCall({agentId: 'a-1', actions: GOOD_CALL, start: day('2026-03-02')}),
    makeCall({agentId: 'a-1', actions: FAILED_CALL, start: new Date('2026-03-02T15:00:00.000Z')}),
    makeCall({agentId: 'a-1', actions: GOOD_CALL, start: day('2026-03-03'), outcome: 'resolved'}),
    makeCall({agentId: 'a-2', actions: FAILED_CALL, start: day('2026-03-03')}),
    makeCall({agentId: 'a-2', actions: [], start: day('2026-03-04'), script: null}),
    makeCall({agentId: 'a-1', actions: GOOD_CALL, start: day('2026-03-05'), end: false}),
  ]);
}

/** What the widget itself computes for an ended call. */
function widgetReport(events: LogEvent[]) {
  const start = events[0]!;
  const script = start.data.scriptId === null ? null : SCRIPT;
  return reportFromLog(
    {
      callId: start.callId,
      agentId: start.agentId,
      startedAt: start.clientTs,
      script,
      items: script ? ITEMS : [],
    },
    events.slice(0, -1),
    events.at(-1)!.clientTs
  );
}

const round = (n: number | null | undefined) => (typeof n === 'number' ? Math.round(n * 1e9) / 1e9 : n);

let packDir: string;
before(() => {
  packDir = mkdtempSync(join(tmpdir(), 'aa-pack-'));
  writePack(packDir);
});
after(() => rmSync(packDir, {recursive: true, force: true}));

for (const backend of backends) {
  describe(`QA read APIs (${backend.name})`, () => {
    const it = itOn(backend);
    let db: Fresh;
    let server: Server;
    let qa: string;
    let calls: LogEvent[][];

    beforeEach(async () => {
      db = await backend.open();
      server = await startServer(db.store);
      await db.store.addPins(await pinsFromPack(packDir), new Date().toISOString());
      qa = await tokenFor(db.store, {role: 'qa', team: 't1'});
      const tokens = {
        'a-1': await tokenFor(db.store, {role: 'agent', agentId: 'a-1', team: 't1'}),
        'a-2': await tokenFor(db.store, {role: 'agent', agentId: 'a-2', team: 't1'}),
      };
      calls = await teamCalls();
      for (const events of calls) {
        const res = await post(server, tokens[events[0]!.agentId as 'a-1' | 'a-2'], {events});
        assert.equal(res.status, 200);
      }
    });
    afterEach(async () => {
      await server.close();
      await db.drop();
    });

    it('should list calls newest first, filtered, a page at a time', async () => {
      const seen: CallRow[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const page = await get<{calls: CallRow[]; nextCursor: string | null}>(
          `${server.url}/v1/calls?limit=4${query}`,
          qa
        );
        assert.equal(page.status, 200);
        seen.push(...page.body.calls);
        cursor = page.body.nextCursor;
      } while (cursor);
      const expected = [...calls]
        .sort((a, b) => (a[0]!.clientTs < b[0]!.clientTs ? 1 : a[0]!.clientTs > b[0]!.clientTs ? -1 : 0))
        .map((e) => e[0]!.callId);
      // Two calls start at the same instant: the call id breaks the tie, newest first.
      assert.deepEqual(new Set(seen.map((c) => c.callId)), new Set(expected));
      assert.equal(seen.length, calls.length);
      for (let i = 1; i < seen.length; i++) assert.ok(seen[i - 1]!.startedAt >= seen[i]!.startedAt);

      const ids = async (query: string) =>
        (await get<{calls: CallRow[]}>(`${server.url}/v1/calls?${query}`, qa)).body.calls
          .map((c) => c.callId)
          .sort();
      const idsOf = (list: LogEvent[][]) => list.map((e) => e[0]!.callId).sort();
      assert.deepEqual(await ids('agent=a-2'), idsOf(calls.filter((e) => e[0]!.agentId === 'a-2')));
      assert.deepEqual(await ids('from=2026-03-03&to=2026-03-03'), idsOf([calls[2]!, calls[3]!]));
      assert.deepEqual(
        await ids('script=billing'),
        idsOf(calls.filter((e) => e[0]!.data.scriptId === 'billing'))
      );
      assert.deepEqual(await ids('status=broken'), []);
      assert.equal((await ids('status=intact')).length, calls.length);
    });

    it('should return a call with its events in order and the report the widget computes', async () => {
      const events = calls[1]!;
      const res = await get<CallDetail>(`${server.url}/v1/calls/${events[0]!.callId}`, qa);
      assert.equal(res.status, 200);
      assert.deepEqual(
        res.body.events,
        events.map(({synced: _s, ...e}) => e)
      );
      const {call} = res.body;
      assert.equal(call.status, 'intact');
      assert.equal(call.reportSource, 'log');
      assert.deepEqual(call.report, widgetReport(events));
      assert.equal(call.score, 0);
      assert.equal(call.criticalFailed, true);
      assert.equal(call.scriptTitle, SCRIPT.title);
      const active = await get<CallDetail>(`${server.url}/v1/calls/${calls[5]![0]!.callId}`, qa);
      assert.equal(active.body.call.report, null);
      assert.equal(active.body.call.endedAt, null);
    });

    it('should aggregate exactly as the widget’s aggregateCalls does (days in UTC)', async () => {
      const ended = calls.filter((e) => e.at(-1)!.type === 'call-end');
      const qaCalls: QaCall[] = ended.map((events) => ({
        source: 'test',
        report: widgetReport(events),
        scriptTitle: events[0]!.data.scriptId ? SCRIPT.title : '',
        eventCount: events.length,
        chain: {ok: true, checked: events.length},
      }));
      const expected = aggregateCalls(qaCalls, (iso) => iso.slice(0, 10));
      const res = await get<Aggregates>(`${server.url}/v1/aggregates`, qa);
      assert.equal(res.status, 200);
      const got = res.body;
      assert.equal(got.count, expected.count);
      assert.equal(round(got.meanScore), round(expected.meanScore));
      assert.equal(got.criticalFailures, expected.criticalFailures);
      assert.deepEqual(
        got.trend.map((t) => ({...t, meanScore: round(t.meanScore)})),
        expected.trend.map((t) => ({...t, meanScore: round(t.meanScore)}))
      );
      assert.deepEqual(
        Object.fromEntries(Object.entries(got.byCategory).map(([k, v]) => [k, round(v)])),
        Object.fromEntries(Object.entries(expected.byCategory).map(([k, v]) => [k, round(v)]))
      );
      assert.deepEqual(got.mostMissed, expected.mostMissed);
      assert.deepEqual(
        got.byAgent.map((a) => a.agentId),
        expected.agents
      );
      assert.deepEqual(
        got.byScript.filter((s) => s.scriptId !== null).map((s) => ({id: s.scriptId, title: s.title})),
        expected.scripts
      );
      const a2 = await get<Aggregates>(`${server.url}/v1/aggregates?agent=a-2`, qa);
      assert.equal(a2.body.count, 2);
      assert.deepEqual(a2.body.byAgent, [{agentId: 'a-2', count: 2, meanScore: 50, criticalFailures: 1}]);
    });

    it('should count the trend’s days in the reader’s time zone when it names one (tzOffset)', async () => {
      const ended = calls.filter((e) => e.at(-1)!.type === 'call-end');
      const qaCalls: QaCall[] = ended.map((events) => ({
        source: 'test',
        report: widgetReport(events),
        scriptTitle: '',
        eventCount: events.length,
        chain: {ok: true, checked: events.length},
      }));
      // Whole hours, half hours (India) and quarter hours (Nepal) east and west of UTC.
      for (const tzOffset of [-300, 330, 345, 600]) {
        const dayOf = (iso: string) =>
          new Date(Date.parse(iso) + tzOffset * 60_000).toISOString().slice(0, 10);
        const expected = aggregateCalls(qaCalls, dayOf).trend;
        const res = await get<Aggregates>(`${server.url}/v1/aggregates?tzOffset=${tzOffset}`, qa);
        assert.equal(res.status, 200);
        assert.deepEqual(
          res.body.trend.map((t) => ({...t, meanScore: round(t.meanScore)})),
          expected.map((t) => ({...t, meanScore: round(t.meanScore)})),
          `tzOffset ${tzOffset}`
        );
      }
      const bad = await get(`${server.url}/v1/aggregates?tzOffset=9999`, qa);
      assert.equal(bad.status, 400);
    });

    it('should export JSON the widget’s QA import accepts, and CSV', async () => {
      const res = await get(`${server.url}/v1/export?format=json&agent=a-1`, qa);
      assert.equal(res.status, 200);
      assert.match(
        res.headers.get('content-disposition') ?? '',
        /attachment; filename="agent-assist-collector-/
      );
      const file = parseLogFile(res.text, 'export.json');
      const mine = calls.filter((e) => e[0]!.agentId === 'a-1');
      assert.equal(file.calls.length, mine.length);
      assert.equal(file.events.length, mine.flat().length);
      for (const record of file.calls) {
        const events = file.events.filter((e) => e.callId === record.callId);
        assert.deepEqual(await verifyChain(events), {ok: true, checked: events.length});
        // The pinned content and report stand up to the widget's own check of an imported file.
        assert.equal(await pinnedContentProblem(record, events), null);
      }
      const csv = await get(`${server.url}/v1/export?format=csv`, qa);
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
      const lines = csv.text.trimEnd().split('\r\n');
      assert.equal(
        lines[0],
        'callId,seq,type,agentId,clientTs,offset,data,packVersion,eventId,prevHash,hash'
      );
      assert.equal(lines.length, 1 + calls.flat().length);
    });

    it('should answer 400 to a bad cursor, an impossible date, an unknown parameter and a bad limit', async () => {
      for (const [query, message] of [
        ['cursor=nonsense', 'cursor: not a cursor this collector handed out'],
        ['from=2026-02-30', 'from: "2026-02-30" is not a date'],
        ['agentId=a-1', 'invalid request: querystring must NOT have additional properties (agentId)'],
        ['limit=0', 'invalid request: querystring.limit must be >= 1'],
      ]) {
        const res = await get<{message: string}>(`${server.url}/v1/calls?${query}`, qa);
        assert.equal(res.status, 400, query);
        assert.equal(res.body.message, message);
      }
    });
  });

  describe(`scoring sources (${backend.name})`, () => {
    const it = itOn(backend);
    let db: Fresh;
    let server: Server;
    let agent: string;
    let admin: string;
    beforeEach(async () => {
      db = await backend.open();
      server = await startServer(db.store);
      agent = await tokenFor(db.store, {role: 'agent', agentId: 'a-1'});
      admin = await tokenFor(db.store, {role: 'admin'});
    });
    afterEach(async () => {
      await server.close();
      await db.drop();
    });

    it('should score a call once its pinned content arrives', async () => {
      const events = await makeCall({agentId: 'a-1'});
      await post(server, agent, {events});
      const url = `${server.url}/v1/calls/${events[0]!.callId}`;
      assert.equal((await get<CallDetail>(url, admin)).body.call.score, null);
      assert.ok((await db.store.addPins(await pinsFromPack(packDir), new Date().toISOString())) > 0);
      assert.equal(await db.store.rescorePending(), 1);
      const scored = (await get<CallDetail>(url, admin)).body.call;
      assert.deepEqual(scored.report, widgetReport(events));
      assert.equal(await db.store.rescorePending(), 0);
    });

    it('should use the report a call-end event carries when the pinned content is unknown', async () => {
      const plain = await makeCall({agentId: 'a-1'});
      const report = widgetReport(plain);
      const events = await makeCall({agentId: 'a-1', outcome: 'x'});
      // Re-log the call with the report on its call-end event (as a widget that sends it would).
      const {chainedAfter} = await import('./support/calls.js');
      const withReport = [...events.slice(0, -1)];
      withReport.push(
        await chainedAfter(withReport.at(-1)!, 'call-end', {report: {...report, callId: events[0]!.callId}})
      );
      await post(server, agent, {events: withReport});
      const call = (await get<CallDetail>(`${server.url}/v1/calls/${events[0]!.callId}`, admin)).body.call;
      assert.equal(call.reportSource, 'event');
      assert.equal(call.score, report.score);
      assert.equal(call.status, 'intact');
    });
  });
}
