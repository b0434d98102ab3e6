/**
 * `GET /v1/aggregates` (role `qa` or `admin`, team-scoped): over the scored calls that pass the filters,
 * the mean score and critical failures, the score per UTC day, by category, per agent and per script, and
 * the most-missed items. Computed by the database from the per-call rows filled at ingest.
 */
import type {FastifyInstance} from 'fastify';
import type {CollectorStore} from '../store/collector-store.js';
import {authenticate} from './authenticate.js';
import {FILTER_PROPERTIES, toCallFilter} from './call-filter-query.js';
import type {FilterQuery} from './call-filter-query.js';
import {AGGREGATES_SCHEMA} from './call-schemas.js';
import type {RateLimiter} from './rate-limiter.js';

export async function aggregatesRoute(
  app: FastifyInstance,
  {store, limiter}: {store: CollectorStore; limiter: RateLimiter}
) {
  app.get<{Querystring: FilterQuery}>(
    '/v1/aggregates',
    {
      onRequest: authenticate(store, limiter, ['qa', 'admin']),
      schema: {
        querystring: {type: 'object', additionalProperties: false, properties: FILTER_PROPERTIES},
        response: {200: AGGREGATES_SCHEMA},
      },
    },
    async (request) => store.aggregates(toCallFilter(request.query, request.token!))
  );
}
