/**
 * The knowledge-health report for the sample content (`content/`) after a scripted session of calls:
 * three agents' logs, written as the widget logs them (hash-chained; searches typed, articles opened,
 * feedback given, some of it between calls), exported to `.tmp/sample-health/`, then
 * `contentReport` over them, printed as the command prints it. `npx tsx tests/bench/sample-health-report.ts`.
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {contentReport} from '../../src/build/content-report.js';
import {reportToMarkdown, reportToTerminal} from '../../src/health/format-report.js';
import type {LogEvent} from '../../src/model/call-log.js';
import {toLogFile} from '../../src/qa/log-file.js';
import {type Action, chainActions} from '../collector/support/calls.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = join(root, '.tmp', 'sample-health');
/** A call's events 20 s apart, as the widget logs them. */
const chain = (callId: string, agentId: string, start: string, actions: Action[]) =>
  chainActions(callId, agentId, start, actions, {stepMs: 20_000, monoStart: 0, packVersion: 'sample'});

const q = (...pairs: [string, number][]) => pairs.map(([query, resultCount]) => ({query, resultCount}));
const call = (...middle: Action[]): Action[] => [
  ['call-start', {scriptId: 'billing-inbound', scriptVersion: null, queue: 'billing', pinHash: 'sample'}],
  ...middle,
  ['call-end', {}],
];
const opened = (articleId: string, queries: ReturnType<typeof q>): Action[] => [
  ['search-session', {queries, articleId}],
  ['article-open', {articleId, from: 'search'}],
];

const agents: [string, LogEvent[]][] = [
  [
    'a-1024',
    [
      ...(await chain(
        'call-1',
        'a-1024',
        '2026-11-23T09:00:00Z',
        call(...opened('billing/refunds', q(['cashback', 0], ['refund', 3])), [
          'article-feedback',
          {articleId: 'billing/late-payment-fees', rating: 'outdated', comment: 'Fee rose to £12 in October'},
        ])
      )),
      ...(await chain(
        'call-2',
        'a-1024',
        '2026-11-23T10:00:00Z',
        call(
          ['search-session', {queries: q(['esim transfer android', 0]), articleId: null}],
          ...opened('devices/sim-replacement-and-esim', q(['esim', 2]))
        )
      )),
    ],
  ],
  [
    'a-2048',
    [
      ...(await chain(
        'call-3',
        'a-2048',
        '2026-11-24T09:30:00Z',
        call(
          ...opened('billing/refunds', q(['cashback', 0], ['bill credit', 4])),
          ['search-session', {queries: q(['roaming pass', 5]), articleId: null}],
          ...opened('zh/billing/refunds', q(['返钱', 0], ['退款', 3]))
        )
      )),
      ...(await chain('log-maintenance', 'a-2048', '2026-11-24T12:00:00Z', [
        [
          'article-feedback',
          {articleId: 'roaming/roaming-zones-and-rates', rating: 'wrong', comment: 'Zone 2 price changed'},
        ],
        ['article-feedback', {articleId: 'billing/refunds', rating: 'helpful'}],
      ])),
    ],
  ],
  [
    'a-4096',
    await chain(
      'call-4',
      'a-4096',
      '2026-11-25T14:00:00Z',
      call(
        ...opened('zh/billing/refunds', q(['返钱', 0], ['退款', 3])),
        ['search-session', {queries: q(['esim transfer android', 0]), articleId: null}],
        ...opened('devices/sim-replacement-and-esim', q(['esim', 2]))
      )
    ),
  ],
];

mkdirSync(out, {recursive: true});
const files = agents.map(([agent, events]) => {
  const file = join(out, `${agent}.json`);
  writeFileSync(file, JSON.stringify(toLogFile([], events, new Date())));
  return file;
});
const report = await contentReport(join(root, 'content'), files, {
  today: '2026-11-30',
  minAliasCount: 2,
  top: 5,
});
writeFileSync(join(out, 'knowledge-health.md'), reportToMarkdown(report));
console.log(reportToTerminal(report));
