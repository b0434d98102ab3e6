/**
 * The knowledge-health report (issue 16): over fixture logs exported by three agents (knowledge signals
 * logged with calls and between calls) and the fixture content in tests/fixtures/health-content, the
 * command gives exactly the expected rows (suggested aliases included, in both languages), writes its
 * markdown and CSV files, and the collector's `GET /v1/knowledge-health`, on the same events uploaded,
 * answers the same report on both databases.
 */
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, afterEach, before, beforeEach, describe, it as nodeIt} from 'node:test';
import {promisify} from 'node:util';
import {buildApp} from '../../src/collector/build-app.js';
import {articlesFromPack} from '../../src/collector/health/articles-from-pack.js';
import {buildContentPack} from '../../src/build/build-content-pack.js';
import {contentReport} from '../../src/build/content-report.js';
import {readContentDir} from '../../src/build/read-content-dir.js';
import type {HealthReport} from '../../src/health/health-report.js';
import type {LogEvent} from '../../src/model/call-log.js';
import {toLogFile} from '../../src/qa/log-file.js';
import {backends, get, itOn, post, TEST_CONFIG, tokenFor} from './support/harness.js';
import type {Fresh, IngestAnswer} from './support/harness.js';
import {type Action, chainActions} from './support/calls.js';
import {ROOT} from './support/child-collector.js';

const CONTENT = join(ROOT, 'tests', 'fixtures', 'health-content');
const TODAY = '2026-11-30';
const FROM = '2026-11-01';

/** A chain of events as the widget logs them, one second apart. */
const chain = (callId: string, agentId: string, start: string, actions: Action[]) =>
  chainActions(callId, agentId, start, actions);

const session = (queries: [string, number][], articleId: string | null): Action => [
  'search-session',
  {queries: queries.map(([query, resultCount]) => ({query, resultCount})), articleId},
];
const open = (articleId: string, from = 'search'): Action => ['article-open', {articleId, from}];
const feedback = (articleId: string, rating: string, comment?: string): Action => [
  'article-feedback',
  comment === undefined ? {articleId, rating} : {articleId, rating, comment},
];
const start: Action = ['call-start', {scriptId: null, scriptVersion: null, queue: null, pinHash: 'x'}];

/** Each agent's log: [agent, events]. */
async function agentLogs(): Promise<[string, LogEvent[]][]> {
  return [
    [
      'a-1',
      await chain('call-1', 'a-1', '2026-11-02T09:00:00.000Z', [
        start,
        session(
          [
            ['money back', 0],
            ['refund', 1],
          ],
          'billing/refunds'
        ),
        open('billing/refunds'),
        feedback('billing/late-fees', 'outdated', 'The fee is £12 since October'),
        session(
          [
            ['欠费停机', 0],
            ['话费', 1],
          ],
          'zh/balance'
        ),
        open('zh/balance'),
        ['call-end', {}],
      ]),
    ],
    [
      'a-2',
      // Between calls: the maintenance chain.
      await chain('log-maintenance', 'a-2', '2026-11-03T10:00:00.000Z', [
        session(
          [
            ['Money Back', 0],
            ['refunds', 1],
          ],
          'billing/refunds'
        ),
        open('billing/refunds'),
        feedback('billing/late-fees', 'wrong'),
        feedback('billing/refunds', 'helpful'),
        session([['roaming pass', 2]], null),
        session([['欠费停机', 0]], null),
        session(
          [
            ['欠费停机', 0],
            ['余额', 1],
          ],
          'zh/balance'
        ),
        open('zh/balance'),
        feedback('outages/compensation', 'missing', 'Nothing about mobile outages'),
      ]),
    ],
    [
      'a-3',
      [
        // Before the period: left out.
        ...(await chain('call-old', 'a-3', '2026-09-01T09:00:00.000Z', [
          start,
          feedback('billing/late-fees', 'outdated', 'old comment'),
          open('outages/compensation'),
        ])),
        ...(await chain('call-3', 'a-3', '2026-11-04T11:00:00.000Z', [
          start,
          session(
            [
              ['roaming pass', 2],
              ['eu data', 0],
            ],
            null
          ),
          open('billing/refunds', 'script'),
          ['call-end', {}],
        ])),
      ],
    ],
  ];
}

/** The report the fixtures must give, row for row. */
const EXPECTED: HealthReport = {
  from: '2026-11-01T00:00:00.000Z',
  to: null,
  today: TODAY,
  events: 16,
  agents: 3,
  flagged: [
    {
      articleId: 'billing/late-fees',
      title: 'Late payment fees',
      owner: 'billing-team',
      outdated: 1,
      wrong: 1,
      missing: 0,
      helpful: 0,
      comments: [{rating: 'outdated', comment: 'The fee is £12 since October'}],
    },
    {
      articleId: 'outages/compensation',
      title: 'Compensation for outages',
      owner: 'network-team',
      outdated: 0,
      wrong: 0,
      missing: 1,
      helpful: 0,
      comments: [{rating: 'missing', comment: 'Nothing about mobile outages'}],
    },
  ],
  zeroResult: [
    {query: '欠费停机', count: 3, agents: 2},
    {query: 'Money Back', count: 2, agents: 2},
    {query: 'eu data', count: 1, agents: 1},
  ],
  abandoned: [{query: 'roaming pass', count: 2, agents: 2}],
  suggestedAliases: [
    {
      articleId: 'billing/refunds',
      title: 'Refunding an overcharged bill',
      lang: 'en',
      alias: 'money back',
      count: 2,
      agents: 2,
    },
    {articleId: 'zh/balance', title: '话费余额不足', lang: 'zh-CN', alias: '欠费停机', count: 2, agents: 2},
  ],
  overdue: [
    {
      owner: 'billing-team',
      articleId: 'billing/late-fees',
      title: 'Late payment fees',
      reviewBy: '2026-08-01',
    },
    {
      owner: 'network-team',
      articleId: 'outages/compensation',
      title: 'Compensation for outages',
      reviewBy: '2026-07-10',
    },
  ],
  neverOpened: [
    {articleId: 'billing/late-fees', title: 'Late payment fees', owner: 'billing-team'},
    {articleId: 'outages/compensation', title: 'Compensation for outages', owner: 'network-team'},
  ],
  mostOpened: [
    {
      articleId: 'billing/refunds',
      title: 'Refunding an overcharged bill',
      owner: 'billing-team',
      opens: 3,
      agents: 3,
    },
    {articleId: 'zh/balance', title: '话费余额不足', owner: 'zh-billing', opens: 2, agents: 2},
  ],
};

let dir: string;
let logFiles: string[];
let logs: [string, LogEvent[]][];
let packDir: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aa-health-'));
  logs = await agentLogs();
  logFiles = logs.map(([agent, events]) => {
    const file = join(dir, `${agent}.json`);
    writeFileSync(file, JSON.stringify(toLogFile([], events, new Date('2026-11-30T12:00:00Z'))));
    return file;
  });
  packDir = join(dir, 'pack');
  mkdirSync(packDir);
  const build = await buildContentPack(readContentDir(CONTENT), {
    builtAt: '2026-11-30T00:00:00.000Z',
    today: TODAY,
  });
  for (const f of build.files!) writeFileSync(join(packDir, f.path), f.source);
});
after(() => rmSync(dir, {recursive: true, force: true}));

describe('npm run content:report', () => {
  nodeIt('should give exactly the expected rows over the fixture logs and content', async () => {
    const report = await contentReport(CONTENT, logFiles, {from: `${FROM}T00:00:00.000Z`, today: TODAY});
    assert.deepEqual(report, EXPECTED);
  });

  nodeIt('should count an alias only from the minimum number of sessions', async () => {
    const report = await contentReport(CONTENT, logFiles, {
      from: `${FROM}T00:00:00.000Z`,
      today: TODAY,
      minAliasCount: 3,
    });
    assert.deepEqual(report.suggestedAliases, []);
    const all = await contentReport(CONTENT, logFiles, {today: TODAY, minAliasCount: 1});
    // "refund" and "话费"/"余额" matched their articles: never proposed.
    assert.deepEqual(
      all.suggestedAliases.map((s) => `${s.articleId} ${s.alias} ${s.count}`),
      ['billing/refunds money back 2', 'zh/balance 欠费停机 2']
    );
    // The old feedback counts once the period includes it.
    assert.equal(all.flagged[0]!.outdated, 2);
  });

  nodeIt('should print the tables and write markdown and CSV files', async () => {
    const out = join(dir, 'out');
    const {stdout} = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/build/bin/content-report.ts',
        '--content',
        CONTENT,
        '--out',
        out,
        '--from',
        FROM,
        '--today',
        TODAY,
        ...logFiles,
      ],
      {cwd: ROOT}
    );
    assert.match(stdout, /Suggested aliases \(2\)/);
    assert.match(stdout, /billing\/refunds\s+Refunding an overcharged bill\s+en\s+money back\s+2\s+2/);
    const md = readFileSync(join(out, 'knowledge-health.md'), 'utf8');
    assert.match(md, /\| zh\/balance \| 话费余额不足 \| zh-CN \| 欠费停机 \| 2 \| 2 \|/);
    assert.match(md, /## Past review date, by owner \(2\)/);
    const csv = readFileSync(join(out, 'knowledge-health.csv'), 'utf8').split('\r\n');
    assert.equal(
      csv[0],
      'section,article,title,owner,outdated,wrong,missing,helpful,comments,query,searches,agents,lang,alias,sessions,review by,opens'
    );
    assert.ok(csv.includes('Searches with no result,,,,,,,,,欠费停机,3,2,,,,,'), csv.join('\n'));
  });
});

for (const backend of backends) {
  describe(`GET /v1/knowledge-health (${backend.name})`, () => {
    const it = itOn(backend);
    let db: Fresh;
    let url: string;
    let close: () => Promise<void>;

    beforeEach(async () => {
      db = await backend.open();
      const app = await buildApp({
        store: db.store,
        config: TEST_CONFIG,
        articles: () => articlesFromPack(packDir),
      });
      url = await app.listen({host: '127.0.0.1', port: 0});
      close = () => app.close();
    });
    afterEach(async () => {
      await close?.();
      await db?.drop();
    });

    it('should answer the same report as the command on the same events', async () => {
      for (const [agentId, events] of logs) {
        const token = await tokenFor(db.store, {role: 'agent', agentId, team: 't1'});
        const res = await post<IngestAnswer>({url} as never, token, {events});
        assert.equal(res.status, 200, res.text);
        assert.equal(res.body.accepted.length, events.length, res.text);
      }
      const qa = await tokenFor(db.store, {role: 'qa', team: 't1'});
      const res = await get<HealthReport>(`${url}/v1/knowledge-health?from=${FROM}&today=${TODAY}`, qa);
      assert.equal(res.status, 200, res.text);
      const command = await contentReport(CONTENT, logFiles, {from: `${FROM}T00:00:00.000Z`, today: TODAY});
      assert.deepEqual(res.body, command);
      assert.deepEqual(res.body, EXPECTED);
      // Another team's reader sees none of these agents' signals.
      const other = await tokenFor(db.store, {role: 'qa', team: 't2'});
      const theirs = await get<HealthReport>(`${url}/v1/knowledge-health?today=${TODAY}`, other);
      assert.equal(theirs.body.events, 0);
      assert.equal(theirs.body.mostOpened.length, 0);
    });
  });
}
