/**
 * The database beyond single appends, on real IndexedDB: the v1 and v2 upgrades keep every event and
 * chain (v3 makes the waiting events the upload queue), an append into a recreated database fails instead of starting a new chain, an action's writes
 * commit together or not at all, and exported JSON verifies and re-scores on import while a tampered
 * file is flagged.
 */
import {expect} from '@open-wc/testing';
import Dexie from 'dexie';
import {AssistDb, EPOCH_KEY} from '../../src/storage/assist-db.js';
import {appendEvent, callEvents, verifyChain} from '../../src/storage/event-log.js';
import {importLogFile, listQaCalls, selectForExport, verifyLogChains} from '../../src/storage/log-queries.js';
import {eventsToCsv, parseLogFile, toLogFile} from '../../src/qa/log-file.js';
import {isQuotaError, toStorageError} from '../../src/storage/storage-error.js';
import {markRefused, markUploaded, outboxCounts, pendingEvents} from '../../src/storage/outbox.js';
import type {CallRecord} from '../../src/model/call-log.js';

const names: string[] = [];
const fresh = () => {
  const name = `test-${crypto.randomUUID()}`;
  names.push(name);
  return name;
};
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const base = {agentId: 'a-1', packVersion: 'p1', callStartMono: performance.timeOrigin + performance.now()};

const record = (callId: string, more: Partial<CallRecord> = {}): CallRecord => ({
  callId,
  agentId: 'a-1',
  status: 'ended',
  startedAt: '2026-11-22T10:00:00.000Z',
  startedMono: 0,
  endedAt: '2026-11-22T10:05:00.000Z',
  packHash: 'p1',
  scriptId: null,
  script: null,
  items: [],
  ...more,
});

/** A database as the v1 build left it (its schema, written out as it shipped). */
async function v1Database(name: string): Promise<Dexie> {
  const v1 = new Dexie(name);
  v1.version(1).stores({
    calls: '&callId, status, agentId, startedAt',
    events: '&eventId, &[callId+seq], callId, synced, clientTs',
  });
  await v1.open();
  return v1;
}

/** A database as the v2 build left it, with events waiting (synced 0) and uploaded (1). */
async function v2Database(name: string): Promise<Dexie> {
  const v2 = new Dexie(name);
  v2.version(1).stores({
    calls: '&callId, status, agentId, startedAt',
    events: '&eventId, &[callId+seq], callId, synced, clientTs',
  });
  v2.version(2).stores({
    calls: '&callId, status, agentId, startedAt, endedAt',
    meta: '&key',
    reports: '&callId',
    imports: '&[source+callId], agentId, startedAt',
    importedEvents: '&[source+callId]',
    importedScripts: '&version',
  });
  await v2.open();
  return v2;
}

describe('schema', () => {
  it('should upgrade a v2 database to v3: the waiting events become the upload queue, oldest first', async () => {
    const name = fresh();
    const v2 = await v2Database(name);
    const event = (id: string, seq: number, clientTs: string, synced: 0 | 1) => ({
      eventId: id,
      callId: 'c',
      agentId: 'a-1',
      seq,
      type: 'item-check',
      data: {},
      clientTs,
      clientMono: 0,
      offset: seq,
      packVersion: 'p1',
      prevHash: '',
      hash: '',
      synced,
    });
    await v2
      .table('events')
      .bulkAdd([
        event('e3', 3, '2026-11-22T10:00:03.000Z', 0),
        event('e1', 1, '2026-11-22T10:00:01.000Z', 1),
        event('e2', 2, '2026-11-22T10:00:02.000Z', 0),
      ]);
    v2.close();
    const db = new AssistDb(name);
    try {
      expect((await pendingEvents(db, 10)).map((e) => e.eventId)).to.deep.equal(['e2', 'e3']);
      expect(await outboxCounts(db)).to.deep.equal({pending: 2, deadLetters: 0});
      await markRefused(db, [{eventId: 'e2', reason: 'schema'}], '2026-11-22T11:00:00.000Z');
      await markUploaded(db, ['e3']);
      expect(await outboxCounts(db)).to.deep.equal({pending: 0, deadLetters: 1});
      expect((await db.events.toArray()).map((e) => [e.eventId, e.synced])).to.deep.equal([
        ['e1', 1],
        ['e2', 2],
        ['e3', 1],
      ]);
      expect(db.verno).to.equal(5);
    } finally {
      db.close();
    }
  });

  it('should upgrade a v1 database to the current schema keeping every call, event and chain, and add an epoch', async () => {
    const name = fresh();
    const v1 = await v1Database(name);
    const oldCall = record('old');
    delete (oldCall as Partial<CallRecord>).items;
    await v1.table('calls').add(oldCall);
    v1.close();
    const db = new AssistDb(name);
    // v1 had no meta table: write the events through the v2 schema's append, then check they survive.
    await appendEvent(db, {...base, callId: 'old', type: 'call-start'});
    await appendEvent(db, {...base, callId: 'old', type: 'call-end'});
    expect(db.verno).to.equal(5);
    expect((await db.calls.get('old'))!.items).to.deep.equal([]);
    expect((await db.meta.get(EPOCH_KEY))!.value).to.be.a('string');
    expect(await verifyChain(await callEvents(db, 'old'))).to.deep.equal({ok: true, checked: 2});
    // Calls ended by v1 have no stored report: the QA view scores them from their log.
    const [qa] = await listQaCalls(db);
    expect(qa!.report).to.deep.include({callId: 'old', score: 100, items: []});
    expect(qa!.eventCount).to.equal(2);
    db.close();
  });

  it('should keep events written by v1 when upgrading', async () => {
    const name = fresh();
    const v1 = await v1Database(name);
    const tmp = new AssistDb(fresh());
    await appendEvent(tmp, {...base, callId: 'c', type: 'call-start'});
    await appendEvent(tmp, {...base, callId: 'c', type: 'step-complete', data: {stepId: 'greet'}});
    const written = await callEvents(tmp, 'c');
    tmp.close();
    await v1.table('events').bulkAdd(written);
    v1.close();
    const db = new AssistDb(name);
    expect(await callEvents(db, 'c')).to.deep.equal(written);
    expect((await verifyChain(await callEvents(db, 'c'))).ok).to.equal(true);
    db.close();
  });
});

describe('durability', () => {
  it('should refuse to append into a database that was deleted and recreated (epoch changed)', async () => {
    const name = fresh();
    const db = new AssistDb(name);
    await db.open();
    const epoch = (await db.meta.get(EPOCH_KEY))!.value as string;
    await appendEvent(db, {...base, callId: 'c', type: 'call-start'}, {epoch});
    db.close();
    await Dexie.delete(name);
    const recreated = new AssistDb(name);
    const err = await appendEvent(recreated, {...base, callId: 'c', type: 'item-check'}, {epoch}).catch(
      (e: Error & {code?: string}) => e
    );
    expect((err as {code?: string}).code).to.equal('log-lost');
    // Nothing was written: no new chain starting at seq 1 as if nothing had happened.
    expect(await recreated.events.count()).to.equal(0);
    recreated.close();
  });

  it("should write an action's event and its other writes in one transaction: all or nothing", async () => {
    const db = new AssistDb(fresh());
    await db.calls.add(record('dup'));
    // The call record cannot be added twice, so the whole action fails: no orphan call-start event.
    const err = await appendEvent(
      db,
      {...base, callId: 'dup', type: 'call-start'},
      {
        alsoWrite: () => db.calls.add(record('dup')),
      }
    ).catch((e: Error) => e);
    expect(err).to.be.instanceOf(Error);
    expect(await db.events.count()).to.equal(0);
    db.close();
  });

  it('should trust a hint of the chain end only until the unique index refuses it', async () => {
    const db = new AssistDb(fresh());
    const first = await appendEvent(db, {...base, callId: 'c', type: 'call-start'}, {prev: null});
    const second = await appendEvent(db, {...base, callId: 'c', type: 'item-check'}, {prev: first});
    expect(second).to.deep.include({seq: 2, prevHash: first.hash});
    // Another tab wrote meanwhile: this caller's hint (seq 1) is stale, yet the chain stays whole.
    const third = await appendEvent(db, {...base, callId: 'c', type: 'item-check'}, {prev: first});
    expect(third).to.deep.include({seq: 3, prevHash: second.hash});
    // A hint of "no events yet" on a call that has some is refused the same way.
    expect((await appendEvent(db, {...base, callId: 'c', type: 'x'}, {prev: null})).seq).to.equal(4);
    expect(await verifyChain(await callEvents(db, 'c'))).to.deep.equal({ok: true, checked: 4});
    db.close();
  });

  it('should verify long chains in batches and still name the first break across a batch boundary', async () => {
    const db = new AssistDb(fresh());
    let prev = null;
    for (let i = 0; i < 600; i++)
      prev = await appendEvent(db, {...base, callId: 'long', type: 't', data: {i}}, {prev});
    const events = await callEvents(db, 'long');
    expect(await verifyChain(events)).to.deep.equal({ok: true, checked: 600});
    const edited = events.map((e) => (e.seq === 300 ? {...e, data: {i: -1}} : e));
    expect(await verifyChain(edited)).to.deep.equal({
      ok: false,
      checked: 299,
      brokenAt: events[299]!.eventId,
    });
    const deleted = events.filter((e) => e.seq !== 257);
    expect(await verifyChain(deleted)).to.deep.equal({ok: false, checked: 256, brokenAt: 'seq 257'});
    db.close();
  });

  it('should recognise quota errors, raw or wrapped in an AbortError', () => {
    const raw = new DOMException('full', 'QuotaExceededError');
    expect(isQuotaError(raw)).to.equal(true);
    expect(isQuotaError({name: 'AbortError', inner: raw})).to.equal(true);
    expect(isQuotaError(new DOMException('x', 'AbortError'))).to.equal(false);
    expect(toStorageError({name: 'AbortError', inner: raw, message: 'aborted'}).code).to.equal(
      'storage-full'
    );
    expect(toStorageError(new Error('boom')).code).to.equal('storage-failed');
  });
});

describe('export and import', () => {
  async function loggedCall(db: AssistDb, callId: string) {
    await appendEvent(
      db,
      {...base, callId, type: 'call-start'},
      {alsoWrite: () => db.calls.add(record(callId))}
    );
    await appendEvent(db, {
      ...base,
      callId,
      type: 'item-skip',
      data: {itemId: 'x', reason: '=HYPERLINK("evil")'},
    });
    await appendEvent(db, {...base, callId, type: 'call-end'});
  }

  it('should export whole chains that verify after import, and flag a tampered file', async () => {
    const db = new AssistDb(fresh());
    await loggedCall(db, 'c1');
    await loggedCall(db, 'c2');
    expect(await verifyLogChains(db)).to.deep.equal({ok: true, checked: 6});
    const picked = await selectForExport(db, {});
    const file = toLogFile(picked.calls, picked.events, new Date());
    const text = JSON.stringify(file);
    const team = new AssistDb(fresh());
    const result = await importLogFile(team, 'mei.json', parseLogFile(text, 'mei.json'));
    expect(result).to.deep.equal({source: 'mei.json', calls: 2, events: 6, broken: []});
    // Tampering: one event's reason edited in the file.
    const tampered = JSON.parse(text) as typeof file;
    tampered.events[1]!.data = {itemId: 'x', reason: 'nicer reason'};
    const bad = await importLogFile(
      team,
      'edited.json',
      parseLogFile(JSON.stringify(tampered), 'edited.json')
    );
    expect(bad.broken).to.deep.equal(['c1']);
    const listed = await listQaCalls(team);
    expect(listed.map((c) => [c.source, c.report.callId, c.chain.ok])).to.deep.equal([
      ['edited.json', 'c1', false],
      ['edited.json', 'c2', true],
      ['mei.json', 'c1', true],
      ['mei.json', 'c2', true],
    ]);
    // CSV defuses spreadsheet formulas in free text and quotes what needs quoting.
    const csv = eventsToCsv(picked.events);
    expect(csv.split('\r\n')[0]).to.equal(
      'callId,seq,type,agentId,clientTs,offset,data,packVersion,eventId,prevHash,hash'
    );
    expect(csv).to.contain('"{""itemId"":""x"",""reason"":""=HYPERLINK(\\""evil\\"")""}"');
    db.close();
    team.close();
  });

  it('should reject files that are not log exports, naming the file and the problem', () => {
    const errorOf = (text: string) => {
      try {
        parseLogFile(text, 'team.json');
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(errorOf('{')).to.match(/^team.json: not JSON/);
    expect(errorOf('{"format":"other"}')).to.equal(
      'team.json: expected an agent-assist log export (format "agent-assist-log")'
    );
    expect(errorOf('{"format":"agent-assist-log","version":9,"calls":[],"events":[]}')).to.equal(
      'team.json: log file version 9; this build reads version 1'
    );
    expect(
      errorOf('{"format":"agent-assist-log","version":1,"calls":[],"events":[{"callId":"c"}]}')
    ).to.equal('team.json: events[0].eventId: missing; expected text');
  });
});
