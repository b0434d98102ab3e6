/**
 * The QA import's writes on real IndexedDB: a file is written in one transaction (a write that fails half
 * way leaves the earlier import of that file as it was and nothing of the new one), never touches another
 * file's rows, keeps each file's scripts apart (two files with the same script version and other steps
 * each export their own), and the v4/v5 upgrade keeps scripts imported before. Rows an earlier build
 * imported without the schema are listed in shapes the QA view can render.
 */
import {expect} from '@open-wc/testing';
import Dexie from 'dexie';
import {prepareImport} from '../../src/calls/prepare-import.js';
import type {ImportedCall} from '../../src/model/call-log.js';
import {aggregateCalls} from '../../src/qa/aggregate-calls.js';
import {parseLogFile} from '../../src/qa/log-file.js';
import {AssistDb} from '../../src/storage/assist-db.js';
import {
  clearImports,
  importLogFile,
  listQaCalls,
  recordsForQaCalls,
  writeImport,
} from '../../src/storage/log-queries.js';
import {fixtureScript, logFile, logText} from '../unit/qa/log-file-fixtures.js';

const names: string[] = [];
const fresh = () => {
  const name = `imports-${crypto.randomUUID()}`;
  names.push(name);
  return name;
};
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** Everything the import tables hold, in key order: what must not change when an import fails. */
async function snapshot(db: AssistDb) {
  return {
    imports: await db.imports.toArray(),
    events: await db.importedEvents.toArray(),
    scripts: await db.importScripts.toArray(),
  };
}

const imported = async (db: AssistDb, name: string, options: Parameters<typeof logText>[0]) =>
  importLogFile(db, name, parseLogFile(await logText(options), name));

describe('QA import writes', () => {
  it('should roll back a re-import that fails half way: the earlier file stays whole, none of the new one is kept', async () => {
    const db = new AssistDb(fresh());
    await imported(db, 'team.json', {calls: 3});
    await imported(db, 'other.json', {calls: 2, prefix: 'o'});
    const before = await snapshot(db);
    const prepared = await prepareImport(await logFile({calls: 450}), 'team.json');
    // Call 401 cannot be stored (a function is not cloneable): the third batch fails after two were written.
    (prepared.logs[401] as unknown as {events: unknown[]}).events = [() => 1];
    const err = await writeImport(db, prepared).catch((e: Error) => e);
    expect((err as Error).name).to.equal('DataCloneError');
    expect(await snapshot(db)).to.deep.equal(before);
    db.close();
  });

  it('should replace a file on re-import and leave other files alone', async () => {
    const db = new AssistDb(fresh());
    await imported(db, 'team.json', {calls: 3});
    await imported(db, 'other.json', {calls: 2, prefix: 'o'});
    const other = (await snapshot(db)).imports.filter((r) => r.source === 'other.json');
    const result = await imported(db, 'team.json', {calls: 5, prefix: 't'});
    expect(result).to.deep.equal({source: 'team.json', calls: 5, events: 20, broken: []});
    const after = await db.imports.toArray();
    expect(after.filter((r) => r.source === 'team.json').map((r) => r.callId)).to.deep.equal([
      't-1',
      't-2',
      't-3',
      't-4',
      't-5',
    ]);
    expect(after.filter((r) => r.source === 'other.json')).to.deep.equal(other);
    db.close();
  });

  it('should keep each file’s script: the same version with other steps does not change the first file’s calls', async () => {
    const db = new AssistDb(fresh());
    await imported(db, 'mei.json', {calls: 1, prefix: 'm', stepTitle: 'Greet warmly'});
    await imported(db, 'li.json', {calls: 1, prefix: 'l', stepTitle: 'Say hi'});
    const calls = await listQaCalls(db);
    expect(calls.map((c) => c.report.scriptVersion)).to.deep.equal(['v1', 'v1']);
    const mei = await recordsForQaCalls(
      db,
      calls.filter((c) => c.source === 'mei.json')
    );
    const li = await recordsForQaCalls(
      db,
      calls.filter((c) => c.source === 'li.json')
    );
    expect(mei.calls[0]!.script!.steps[0]!.title).to.equal('Greet warmly');
    expect(li.calls[0]!.script!.steps[0]!.title).to.equal('Say hi');
    // Each call's report names its own step, as the file's own events and script scored it.
    expect(calls.map((c) => c.report.items.find((i) => i.kind === 'step')!.title)).to.deep.equal([
      'Say hi',
      'Greet warmly',
    ]);
    expect(await db.importScripts.count()).to.equal(2);
    await clearImports(db);
    expect(await snapshot(db)).to.deep.equal({imports: [], events: [], scripts: []});
    db.close();
  });

  it('should upgrade scripts imported by version alone (v3) to one copy per file (v4), then drop the old table (v5)', async () => {
    const name = fresh();
    const v3 = new Dexie(name);
    v3.version(1).stores({
      calls: '&callId, status, agentId, startedAt',
      events: '&eventId, &[callId+seq], callId, synced, clientTs',
    });
    v3.version(2).stores({
      calls: '&callId, status, agentId, startedAt, endedAt',
      meta: '&key',
      reports: '&callId',
      imports: '&[source+callId], agentId, startedAt',
      importedEvents: '&[source+callId]',
      importedScripts: '&version',
    });
    v3.version(3).stores({
      events: '&eventId, &[callId+seq], callId, synced, clientTs, [synced+clientTs]',
      deadLetters: '&eventId, callId',
    });
    await v3.open();
    // As the v3 build wrote them: each log with its script left out, the script once by version.
    const prepared = await prepareImport(await logFile({calls: 2}), 'team.json');
    const other = await prepareImport(await logFile({calls: 1, prefix: 'o'}), 'other.json');
    for (const p of [prepared, other]) {
      await v3.table('imports').bulkPut(p.calls);
      await v3.table('importedEvents').bulkPut(p.logs.map(({scriptKey: _key, ...log}) => log));
    }
    await v3.table('importedScripts').put(fixtureScript('v1'));
    v3.close();
    const db = new AssistDb(name);
    await db.open();
    expect(db.verno).to.equal(5);
    expect(db.tables.map((t) => t.name)).not.to.include('importedScripts');
    expect((await db.importScripts.toArray()).map((r) => [r.source, r.key])).to.deep.equal([
      ['other.json', 'version:v1'],
      ['team.json', 'version:v1'],
    ]);
    const records = await recordsForQaCalls(db, await listQaCalls(db));
    expect(records.calls.map((c) => c.script?.version)).to.deep.equal(['v1', 'v1', 'v1']);
    db.close();
  });

  it('should list rows an earlier build imported unchecked in shapes the QA view renders', async () => {
    const db = new AssistDb(fresh());
    await imported(db, 'good.json', {calls: 1});
    // As the old import wrote a file with numbers as titles, an object outcome and a broken report.
    const [row] = await db.imports.toArray();
    const bad = {
      ...row!,
      source: 'bad.json',
      scriptTitle: 42,
      outcome: {toString: 1},
      report: {...row!.report, agentId: 7, items: [{id: 1, title: 99, status: 'missed', weight: 'x'}]},
    } as unknown as ImportedCall;
    const broken = {...row!, source: 'broken.json', report: {items: 3}} as unknown as ImportedCall;
    await db.imports.bulkPut([bad, broken]);
    const calls = await listQaCalls(db);
    const shown = calls.find((c) => c.source === 'bad.json')!;
    expect(shown.scriptTitle).to.equal('42');
    expect(shown.outcome).to.equal('{"toString":1}');
    expect(shown.report.agentId).to.equal('7');
    expect(shown.report.items).to.deep.equal([
      {id: '1', kind: 'item', category: 'procedure', weight: 0, status: 'missed', title: '99'},
    ]);
    expect(calls.find((c) => c.source === 'broken.json')!.report).to.deep.include({items: [], score: 0});
    // Sorting numbers as titles was what threw: the aggregate is computed.
    const agg = aggregateCalls(calls);
    expect(agg.count).to.equal(3);
    expect(agg.mostMissed.map((m) => m.title)).to.include('99');
    db.close();
  });
});
