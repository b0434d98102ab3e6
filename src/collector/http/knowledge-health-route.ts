/**
 * `GET /v1/knowledge-health` (role `qa` or `admin`, team-scoped): the knowledge-health report over the
 * knowledge signals the team's agents uploaded, computed by the same function as
 * `npm run content:report`, against the articles of the collector's content pack. `from`/`to` as for
 * the other QA reads (UTC days, both included, or exact times); `today` (for review dates) defaults to
 * the server's UTC day.
 */
import type {FastifyInstance} from 'fastify';
import type {HealthArticle} from '../../health/health-article.js';
import {buildHealthReport} from '../../health/health-report.js';
import type {CollectorStore} from '../store/collector-store.js';
import {authenticate} from './authenticate.js';
import {FILTER_PROPERTIES, toCallFilter} from './call-filter-query.js';
import type {RateLimiter} from './rate-limiter.js';
import {sendError} from './send-error.js';

interface HealthQuery {
  from?: string;
  to?: string;
  today?: string;
  minAlias?: number;
  top?: number;
}

export interface KnowledgeHealthOptions {
  store: CollectorStore;
  limiter: RateLimiter;
  /** The content pack's articles; null when the collector has no pack (the report then cannot be made). */
  articles: () => Promise<HealthArticle[] | null>;
  clock: () => Date;
}

export async function knowledgeHealthRoute(
  app: FastifyInstance,
  {store, limiter, articles, clock}: KnowledgeHealthOptions
) {
  app.get<{Querystring: HealthQuery}>(
    '/v1/knowledge-health',
    {
      onRequest: authenticate(store, limiter, ['qa', 'admin']),
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            from: FILTER_PROPERTIES.from,
            to: FILTER_PROPERTIES.to,
            today: {type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$'},
            minAlias: {type: 'integer', minimum: 1, maximum: 1000},
            top: {type: 'integer', minimum: 1, maximum: 1000},
          },
        },
      },
    },
    async (request, reply) => {
      const {today, minAlias, top, from, to} = request.query;
      const filter = toCallFilter({from, to}, request.token!);
      const list = await articles();
      if (!list)
        return sendError(
          reply,
          409,
          'the collector has no content pack (COLLECTOR_PACK_DIR): no articles to report on'
        );
      const events = await store.knowledgeEvents({from: filter.from, to: filter.to, team: filter.team});
      return buildHealthReport(events, list, {
        from: filter.from,
        to: filter.to,
        today: today ?? clock().toISOString().slice(0, 10),
        minAliasCount: minAlias,
        top,
      });
    }
  );
}
