/**
 * `GET /v1/aggregates` (role `qa` or `admin`, team-scoped): over the scored calls that pass the filters,
 * the mean score and critical failures, the score per day (UTC, or of the `tzOffset` given), by category, per agent and per script, and
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
  app.get<{Querystring: FilterQuery & {tzOffset?: number}}>(
    '/v1/aggregates',
    {
      onRequest: authenticate(store, limiter, ['qa', 'admin']),
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...FILTER_PROPERTIES,
            // Minutes east of UTC of the reader's time zone: the trend counts its days (UTC by default).
            tzOffset: {type: 'integer', minimum: -840, maximum: 840},
          },
        },
        response: {200: AGGREGATES_SCHEMA},
      },
    },
    async (request) => {
      const {tzOffset = 0, ...query} = request.query;
      return store.aggregates(toCallFilter(query, request.token!), tzOffset);
    }
  );
}
