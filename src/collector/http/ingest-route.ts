/**
 * `POST /v1/events`: the upload protocol's receiver (README "Upload to sync-url",
 * src/sync/upload-protocol.schema.json). Each event is checked on its own: refused ones are listed with a
 * reason while the rest are stored; the answer is sent only after the batch's transaction committed.
 */
import type {FastifyInstance} from 'fastify';
import {prepareBatch} from '../ingest/prepare-batch.js';
import type {CollectorStore} from '../store/collector-store.js';
import {authenticate} from './authenticate.js';
import type {RateLimiter} from './rate-limiter.js';
import {sendError} from './send-error.js';

/** The most events one request may carry (the widget sends at most 100; 413 makes it halve a batch). */
export const MAX_BATCH_EVENTS = 100;

const ID_LIST = {type: 'array', items: {type: 'string'}} as const;

const RESPONSE_200 = {
  type: 'object',
  required: ['accepted', 'duplicates', 'rejected'],
  properties: {
    accepted: ID_LIST,
    duplicates: ID_LIST,
    rejected: {
      type: 'array',
      items: {
        type: 'object',
        required: ['eventId', 'reason'],
        properties: {eventId: {type: 'string'}, reason: {type: 'string'}},
      },
    },
  },
} as const;

export interface IngestRouteOptions {
  store: CollectorStore;
  limiter: RateLimiter;
  clock: () => Date;
}

export async function ingestRoute(app: FastifyInstance, {store, limiter, clock}: IngestRouteOptions) {
  app.post<{Body: {events: unknown[]}}>(
    '/v1/events',
    {
      onRequest: authenticate(store, limiter, ['agent', 'admin']),
      schema: {
        headers: {
          type: 'object',
          // Accepted and not needed: deduplication is per event id.
          properties: {'idempotency-key': {type: 'string', maxLength: 256}},
        },
        body: {
          type: 'object',
          required: ['events'],
          additionalProperties: false,
          properties: {events: {type: 'array', minItems: 1, items: {}}},
        },
        response: {200: RESPONSE_200},
      },
    },
    async (request, reply) => {
      const {events} = request.body;
      if (events.length > MAX_BATCH_EVENTS)
        return sendError(
          reply,
          413,
          `at most ${MAX_BATCH_EVENTS} events per request; this one has ${events.length}`
        );
      const token = request.token!;
      const batch = await prepareBatch(events, token);
      if (batch.events.length === 0) {
        // Nothing storable: say so as a whole, so the widget can bisect the batch to the refused event.
        if (batch.outOfScope === batch.rejected.length)
          return sendError(
            reply,
            403,
            `this token ingests for agent ${JSON.stringify(token.agentId)} only; no event of the batch is theirs`,
            {rejected: batch.rejected}
          );
        const reasons = batch.rejected.slice(0, 3).map((r) => r.reason);
        return sendError(reply, 422, `no event of the batch can be stored: ${reasons.join('; ')}`, {
          rejected: batch.rejected,
        });
      }
      const stored = await store.ingest(batch.events, clock().toISOString());
      const rejected = [...batch.rejected, ...stored.rejected];
      request.log.info(
        {accepted: stored.accepted.length, duplicates: stored.duplicates.length, rejected: rejected.length},
        'ingest committed'
      );
      for (const r of stored.rejected)
        request.log.warn({eventId: r.eventId, reason: r.reason}, 'event refused');
      return {accepted: stored.accepted, duplicates: stored.duplicates, rejected};
    }
  );
}
