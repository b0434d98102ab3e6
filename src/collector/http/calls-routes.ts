/**
 * The QA read APIs over calls (role `qa` or `admin`, scoped to the token's team): `GET /v1/calls` (filters,
 * newest first, keyset paging with `limit` and `cursor`) and `GET /v1/calls/:callId` (the call, its report
 * and chain status, its events in sequence order). A call outside the reader's team is a 404.
 */
import type {FastifyInstance} from 'fastify';
import type {CallCursor, CollectorStore} from '../store/collector-store.js';
import {authenticate} from './authenticate.js';
import {FILTER_PROPERTIES, httpError, readScope, toCallFilter} from './call-filter-query.js';
import type {FilterQuery} from './call-filter-query.js';
import {CALL_DETAIL_SCHEMA, CALL_PAGE_SCHEMA} from './call-schemas.js';
import type {RateLimiter} from './rate-limiter.js';
import {sendError} from './send-error.js';

/** The cursor handed out: opaque to clients, base64url of `[startedAt, callId]`. */
function encodeCursor(c: CallCursor): string {
  return Buffer.from(JSON.stringify([c.startedAt, c.callId])).toString('base64url');
}

function decodeCursor(text: string): CallCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string'))
      return {startedAt: value[0] as string, callId: value[1] as string};
  } catch {
    // answered below
  }
  throw httpError(400, 'cursor: not a cursor this collector handed out');
}

export interface CallsRoutesOptions {
  store: CollectorStore;
  limiter: RateLimiter;
}

export async function callsRoutes(app: FastifyInstance, {store, limiter}: CallsRoutesOptions) {
  const onRequest = authenticate(store, limiter, ['qa', 'admin']);

  app.get<{Querystring: FilterQuery & {limit: number; cursor?: string}}>(
    '/v1/calls',
    {
      onRequest,
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...FILTER_PROPERTIES,
            limit: {type: 'integer', minimum: 1, maximum: 500, default: 50},
            cursor: {type: 'string', minLength: 1, maxLength: 1024},
          },
        },
        response: {200: CALL_PAGE_SCHEMA},
      },
    },
    async (request) => {
      const {limit, cursor, ...query} = request.query;
      const filter = toCallFilter(query, request.token!);
      const page = await store.listCalls(filter, limit, cursor ? decodeCursor(cursor) : null);
      return {calls: page.calls, nextCursor: page.next ? encodeCursor(page.next) : null};
    }
  );

  app.get<{Params: {callId: string}}>(
    '/v1/calls/:callId',
    {
      onRequest,
      schema: {
        params: {
          type: 'object',
          required: ['callId'],
          properties: {callId: {type: 'string', minLength: 1, maxLength: 128}},
        },
        response: {200: CALL_DETAIL_SCHEMA},
      },
    },
    async (request, reply) => {
      const detail = await store.getCall(request.params.callId, readScope(request.token!));
      if (!detail)
        return sendError(reply, 404, `no call ${JSON.stringify(request.params.callId)} in your scope`);
      return detail;
    }
  );
}
