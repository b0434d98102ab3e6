/**
 * Knowledge signals from the framework-free core (issue 16): article feedback is logged with the running
 * call or, between calls, in the maintenance chain, fires `aa-article-feedback`, is uploaded to
 * `sync-url` and is in the JSON export; search sessions are logged when they end: searches with no
 * result, searches given up (box cleared, call ended, article opened from elsewhere) and the queries that
 * led to an opened article (their text, never the host's context).
 */
import {expect, waitUntil} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';
import {DEFAULT_SETTINGS} from '../../src/config/parse-attributes.js';
import type {AaEventDetailMap} from '../../src/events/aa-event.js';
import type {LogEvent} from '../../src/model/call-log.js';
import {parseLogFile} from '../../src/qa/log-file.js';
import {AgentAssistCore} from '../../src/session/agent-assist-core.js';
import {AssistDb} from '../../src/storage/assist-db.js';

const PACK = new URL('/dist/kb/manifest.json', location.href).href;
const FAST = {batchSize: 10, timeoutMs: 400, idleMs: 50, backoff: {baseMs: 40, capMs: 200}};

const receiver = (payload: {name: string; reset?: boolean}) =>
  executeServerCommand<{stored: string[]}, typeof payload>('aa-receiver', payload) as Promise<{
    stored: string[];
  }>;

const cores: AgentAssistCore[] = [];
const dbNames = new Set<string>();

function makeCore(syncName: string | null) {
  const dbName = `knowledge-${crypto.randomUUID()}`;
  dbNames.add(dbName);
  const core = new AgentAssistCore({dbName, defaultPackUrl: PACK, sync: FAST});
  core.configure({
    ...DEFAULT_SETTINGS,
    agentId: 'agent-k',
    queue: 'billing',
    syncUrl: syncName ? new URL(`/aa-receiver/${syncName}/events`, location.href).href : null,
  });
  cores.push(core);
  return {core, dbName};
}

async function logged(dbName: string, type?: string): Promise<LogEvent[]> {
  const db = new AssistDb(dbName);
  try {
    const all = await db.events.toArray();
    return all
      .filter((e) => type === undefined || e.type === type)
      .sort((a, b) => (a.clientTs < b.clientTs ? -1 : a.clientTs > b.clientTs ? 1 : a.seq - b.seq));
  } finally {
    db.close();
  }
}

afterEach(async () => {
  for (const core of cores.splice(0)) core.disconnect();
  for (const name of dbNames) await new AssistDb(name).delete();
  dbNames.clear();
});

describe('knowledge signals in the log', function () {
  this.timeout(30_000);

  it('should log feedback with the call and between calls, fire aa-article-feedback, upload and export it', async () => {
    const name = `feedback-${Date.now()}`;
    await receiver({name, reset: true});
    const {core, dbName} = makeCore(name);
    const heard: AaEventDetailMap['aa-article-feedback'][] = [];
    core.addEventListener('aa-article-feedback', (e) => heard.push((e as CustomEvent).detail));

    await core.startCall({callId: 'k-call', scriptId: 'billing-inbound'});
    await core.articleFeedback('billing/refunds', 'outdated', '  The limit is £60 now  ');
    await core.endCall();
    await core.articleFeedback('billing/late-payment-fees', 'helpful');

    const feedback = await logged(dbName, 'article-feedback');
    expect(feedback.map((e) => [e.callId, e.agentId, e.data])).to.deep.equal([
      [
        'k-call',
        'agent-k',
        {articleId: 'billing/refunds', rating: 'outdated', comment: 'The limit is £60 now'},
      ],
      ['log-maintenance', 'agent-k', {articleId: 'billing/late-payment-fees', rating: 'helpful'}],
    ]);
    expect(heard).to.deep.equal([
      {articleId: 'billing/refunds', rating: 'outdated', comment: 'The limit is £60 now'},
      {articleId: 'billing/late-payment-fees', rating: 'helpful'},
    ]);

    await waitUntil(async () => (await logged(dbName)).every((e) => e.synced === 1), 'not uploaded', {
      timeout: 8000,
    });
    const view = await receiver({name});
    for (const e of feedback) expect(view.stored).to.include(e.eventId);

    const file = parseLogFile(await (await core.exportLog({format: 'json'})).text(), 'export.json');
    expect(file.events.filter((e) => e.type === 'article-feedback').map((e) => e.eventId)).to.deep.equal(
      feedback.map((e) => e.eventId)
    );
    // The chain between calls verifies like a call's.
    expect((await core.verifyLog()).ok).to.equal(true);
  });

  it('should log searches with no result, searches given up and the queries that led to an article', async () => {
    const {core, dbName} = makeCore(null);
    await core.ready;
    await core.startCall({callId: 's-call', scriptId: 'billing-inbound', context: {customer: {name: 'Ada'}}});
    // Typed as you type: "mon", "money", "money back" is one query; nothing found.
    core.searched('mon', 2);
    core.searched('money', 1);
    core.searched('money back', 0);
    core.searched('refund', 4);
    core.articleOpened('billing/refunds', 'search');
    // Nothing found, box cleared.
    core.searched('xyzzy', 0);
    core.searchCleared();
    // Results shown, none opened; an article opened from the script instead.
    core.searched('roaming pass', 3);
    core.articleOpened('billing/late-payment-fees', 'script');
    // Left open when the call ends: logged with the call.
    core.searched('direct debit', 2);
    await core.endCall();

    const events = await logged(dbName);
    const sessions = events.filter((e) => e.type === 'search-session');
    expect(sessions.map((e) => [e.callId, e.data])).to.deep.equal([
      [
        's-call',
        {
          queries: [
            {query: 'money back', resultCount: 0},
            {query: 'refund', resultCount: 4},
          ],
          articleId: 'billing/refunds',
        },
      ],
      ['s-call', {queries: [{query: 'xyzzy', resultCount: 0}], articleId: null}],
      ['s-call', {queries: [{query: 'roaming pass', resultCount: 3}], articleId: null}],
      ['s-call', {queries: [{query: 'direct debit', resultCount: 2}], articleId: null}],
    ]);
    // The session ends before the call does, and the host's context is in no event.
    expect(events.filter((e) => e.callId === 's-call').at(-1)!.type).to.equal('call-end');
    expect(JSON.stringify(events)).not.to.contain('Ada');
    // An article opened from the browse list (no query typed) is no search session.
    core.articleOpened('billing/refunds', 'search');
    await waitUntil(async () => (await logged(dbName, 'article-open')).length === 3);
    expect((await logged(dbName, 'search-session')).length).to.equal(4);
  });
});
