/**
 * `GET /v1/export?format=json|csv` (role `qa` or `admin`, team-scoped, same filters as `/v1/calls`): the
 * widget's own export formats (src/qa/log-file.ts), so the QA view's "Import JSON files" reads a
 * collector export and verifies its chains offline. Streamed a page of calls at a time; an export holds at
 * most COLLECTOR_EXPORT_MAX_CALLS calls (more is a 422 asking for narrower filters).
 */
import {Readable} from 'node:stream';
import type {FastifyInstance} from 'fastify';
import {jsonText} from '../../internal/json-text.js';
import {LOG_FILE_FORMAT, LOG_FILE_VERSION, eventsToCsv} from '../../qa/log-file.js';
import type {CollectorStore} from '../store/collector-store.js';
import {authenticate} from './authenticate.js';
import {FILTER_PROPERTIES, toCallFilter} from './call-filter-query.js';
import type {FilterQuery} from './call-filter-query.js';
import type {RateLimiter} from './rate-limiter.js';
import {sendError} from './send-error.js';

/** Calls read per database round trip while streaming. */
const PAGE = 100;

function pages(ids: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += PAGE) out.push(ids.slice(i, i + PAGE));
  return out;
}

async function* jsonExport(store: CollectorStore, ids: string[], now: Date): AsyncGenerator<string> {
  // The log file lists calls, then events: two passes over the same calls, a page at a time.
  yield `{"format":${JSON.stringify(LOG_FILE_FORMAT)},"version":${LOG_FILE_VERSION},"exportedAt":"${now.toISOString()}","calls":[`;
  let first = true;
  for (const page of pages(ids)) {
    for (const call of await store.exportCalls(page)) {
      yield (first ? '' : ',') + jsonText(call.record);
      first = false;
    }
  }
  yield '],"events":[';
  first = true;
  for (const page of pages(ids)) {
    for (const call of await store.exportCalls(page)) {
      for (const event of call.events) {
        yield (first ? '' : ',') + jsonText(event);
        first = false;
      }
    }
  }
  yield ']}';
}

async function* csvExport(store: CollectorStore, ids: string[]): AsyncGenerator<string> {
  let header = true;
  for (const page of pages(ids)) {
    const events = (await store.exportCalls(page)).flatMap((c) => c.events);
    const text = eventsToCsv(events);
    // eventsToCsv starts with the header row: keep it once.
    yield header ? text : text.slice(text.indexOf('\r\n') + 2);
    header = false;
  }
  if (header) yield eventsToCsv([]);
}

export async function exportRoute(
  app: FastifyInstance,
  opts: {store: CollectorStore; limiter: RateLimiter; maxCalls: number; clock: () => Date}
) {
  const {store, limiter, maxCalls, clock} = opts;
  app.get<{Querystring: FilterQuery & {format: 'json' | 'csv'}}>(
    '/v1/export',
    {
      onRequest: authenticate(store, limiter, ['qa', 'admin']),
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...FILTER_PROPERTIES,
            format: {type: 'string', enum: ['json', 'csv'], default: 'json'},
          },
        },
      },
    },
    async (request, reply) => {
      const {format, ...query} = request.query;
      const filter = toCallFilter(query, request.token!);
      const ids = await store.exportCallIds(filter, maxCalls + 1);
      if (ids.length > maxCalls)
        return sendError(
          reply,
          422,
          `more than ${maxCalls} calls match; narrow the filters (from, to, agent, script) to export them in parts`
        );
      const now = clock();
      const name = `agent-assist-collector-${now.toISOString().slice(0, 10)}.${format}`;
      reply
        .header('Content-Disposition', `attachment; filename="${name}"`)
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
      return reply.send(
        Readable.from(format === 'csv' ? csvExport(store, ids) : jsonExport(store, ids, now))
      );
    }
  );
}
