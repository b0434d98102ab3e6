/**
 * Builds the collector's HTTP app (Fastify) on a store: CORS allow-list, body limit, JSON Schema on every
 * route, one error shape, the routes. Nothing listens here: the CLI calls `listen`, tests may too.
 */
import cors from '@fastify/cors';
import Fastify from 'fastify';
import type {FastifyError, FastifyInstance, FastifyServerOptions} from 'fastify';
import type {CollectorConfig} from './load-config.js';
import type {CollectorStore} from './store/collector-store.js';
import {aggregatesRoute} from './http/aggregates-route.js';
import {callsRoutes} from './http/calls-routes.js';
import {exportRoute} from './http/export-route.js';
import {healthRoute} from './http/health-route.js';
import {knowledgeHealthRoute} from './http/knowledge-health-route.js';
import type {HealthArticle} from '../health/health-article.js';
import {ingestRoute} from './http/ingest-route.js';
import {RateLimiter} from './http/rate-limiter.js';
import {sendError} from './http/send-error.js';

export interface AppOptions {
  store: CollectorStore;
  config: Pick<
    CollectorConfig,
    'corsOrigins' | 'bodyLimit' | 'rateLimitPerMinute' | 'exportMaxCalls' | 'trustProxy'
  >;
  /** Fastify's (pino) logger options; false for none. */
  logger?: FastifyServerOptions['logger'];
  /** The server clock (receive times, retention); tests move it. */
  clock?: () => Date;
  /** The content pack's articles, for the knowledge-health report (none: that report answers 409). */
  articles?: () => Promise<HealthArticle[] | null>;
}

/** A schema failure in words: where (`querystring.limit`) and what, naming an unknown property. */
function validationMessage(err: FastifyError): string {
  const context = err.validationContext ?? 'request';
  return (err.validation ?? [])
    .map((v) => {
      const where = `${context}${v.instancePath.replace(/\//g, '.')}`;
      const name = v.keyword === 'additionalProperties' ? ` (${String(v.params.additionalProperty)})` : '';
      return `${where} ${v.message ?? 'is invalid'}${name}`;
    })
    .join('; ');
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const {store, config} = options;
  const clock = options.clock ?? (() => new Date());
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    // Unknown query parameters and body fields are errors, not silently dropped (a misspelt filter must
    // not return everything); scalars in query strings are coerced to the declared types.
    ajv: {customOptions: {removeAdditional: false, coerceTypes: true}},
  });
  app.decorateRequest('token', null);

  if (config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: config.corsOrigins,
      methods: ['GET', 'POST'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
      // The widget reads Retry-After (and Date, to read an HTTP-date Retry-After) across origins.
      exposedHeaders: ['Retry-After', 'Date'],
      credentials: false,
      maxAge: 600,
    });
  }

  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err.validation) return sendError(reply, 400, `invalid request: ${validationMessage(err)}`);
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
      return sendError(reply, 400, `malformed JSON: ${err.message}`);
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return sendError(reply, 413, `request body larger than ${config.bodyLimit} bytes; send fewer events`);
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendError(reply, status, err.message);
    // Nothing of a failed request was committed: the sender keeps its events and retries.
    request.log.error({err}, 'request failed');
    return sendError(reply, 500, 'internal error; nothing of this request was stored');
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, `no route ${request.method} ${request.url.split('?')[0]}`)
  );

  const limiter = new RateLimiter(config.rateLimitPerMinute);
  await app.register(healthRoute, {store});
  await app.register(ingestRoute, {store, limiter, clock});
  await app.register(callsRoutes, {store, limiter});
  await app.register(aggregatesRoute, {store, limiter});
  await app.register(exportRoute, {store, limiter, maxCalls: config.exportMaxCalls, clock});
  const articles = options.articles ?? (async () => null);
  await app.register(knowledgeHealthRoute, {store, limiter, articles, clock});
  return app;
}
