/**
 * The chain covers what a call is scored against: the call-start event holds the hash of the pinned script
 * and items, so an edited weight, deadline or stored report in the call record is caught by verifyLog, and
 * an exported file whose pinned items were edited is flagged on import instead of being re-scored.
 */
import {expect} from '@open-wc/testing';
import {DEFAULT_SETTINGS} from '../../src/config/parse-attributes.js';
import {parseLogFile} from '../../src/qa/log-file.js';
import {AgentAssistCore} from '../../src/session/agent-assist-core.js';
import {AssistDb} from '../../src/storage/assist-db.js';
import {importLogFile} from '../../src/storage/log-queries.js';

const PACK = new URL('/dist/kb/manifest.json', location.href).href;
const cores: AgentAssistCore[] = [];
const dbNames: string[] = [];

async function endedCall(callId: string) {
  const dbName = `pins-${crypto.randomUUID()}`;
  dbNames.push(dbName);
  const core = new AgentAssistCore({dbName, defaultPackUrl: PACK});
  core.configure({...DEFAULT_SETTINGS, agentId: 'agent-pins', queue: 'billing'});
  cores.push(core);
  await core.startCall({callId, scriptId: 'billing-inbound'});
  await core.checkItem('greeting');
  await core.completeStep();
  await core.endCall();
  return {core, db: new AssistDb(dbName)};
}

afterEach(async () => {
  for (const core of cores.splice(0)) core.disconnect();
  for (const name of dbNames.splice(0)) await new AssistDb(name).delete();
});

describe('pinned content in the chain', function () {
  this.timeout(20_000);

  it('should log the pinned content’s hash with call-start', async () => {
    const {core, db} = await endedCall('pin-0');
    const [start] = await db.events.where('callId').equals('pin-0').sortBy('seq');
    expect(start!.data.pinHash).to.match(/^[0-9a-f]{64}$/);
    expect(await core.verifyLog({callId: 'pin-0'})).to.deep.equal({ok: true, checked: 4});
    db.close();
  });

  it('should catch an edited item weight, an edited report and an edited QA summary', async () => {
    const {core, db} = await endedCall('pin-1');
    try {
      const call = (await db.calls.get('pin-1'))!;
      // A weight made lighter after the call: the pins no longer match the chain.
      await db.calls.put({
        ...call,
        items: call.items.map((i) => (i.id === 'verify-identity' ? {...i, weight: 0} : i)),
      });
      expect(await core.verifyLog({callId: 'pin-1'})).to.deep.equal({
        ok: false,
        checked: 4,
        brokenAt: 'pin-1 pinned content',
      });
      // The pins restored, the report edited instead.
      await db.calls.put({...call, report: {...call.report!, score: 100, criticalFailed: false}});
      expect(await core.verifyLog({callId: 'pin-1'})).to.deep.include({ok: false, brokenAt: 'pin-1 report'});
      // The record as it was, the QA list's summary row edited.
      await db.calls.put(call);
      expect((await core.verifyLog({callId: 'pin-1'})).ok).to.equal(true);
      const summary = (await db.reports.get('pin-1'))!;
      await db.reports.put({...summary, report: {...summary.report, score: 99}});
      expect(await core.verifyLog()).to.deep.include({ok: false, brokenAt: 'pin-1 report'});
    } finally {
      db.close();
    }
  });

  it('should flag an imported file whose pinned items were edited, chain intact', async () => {
    const {core, db} = await endedCall('pin-2');
    try {
      const text = await (await core.exportLog({format: 'json'})).text();
      const file = JSON.parse(text) as {calls: {items: {id: string; weight: number; critical?: boolean}[]}[]};
      for (const item of file.calls[0]!.items) if (item.critical) item.critical = false;
      const clean = await importLogFile(db, 'clean.json', parseLogFile(text, 'clean.json'));
      const edited = await importLogFile(
        db,
        'edited.json',
        parseLogFile(JSON.stringify(file), 'edited.json')
      );
      expect(clean.broken).to.deep.equal([]);
      expect(edited.broken).to.deep.equal(['pin-2']);
      const row = (await db.imports.get(['edited.json', 'pin-2']))!;
      expect(row.chain).to.deep.include({ok: false, brokenAt: 'pin-2 pinned content'});
    } finally {
      db.close();
    }
  });
});
