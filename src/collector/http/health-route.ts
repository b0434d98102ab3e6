/** `GET /healthz`, for load balancers and systemd: 200 when the database answers, else 503. No token. */
import type {FastifyInstance} from 'fastify';
import type {CollectorStore} from '../store/collector-store.js';
import {sendError} from './send-error.js';

export async function healthRoute(app: FastifyInstance, {store}: {store: CollectorStore}) {
  app.get(
    '/healthz',
    {
      schema: {
        response: {200: {type: 'object', properties: {ok: {type: 'boolean'}, database: {type: 'string'}}}},
      },
    },
    async (request, reply) => {
      try {
        await store.ping();
      } catch (err) {
        request.log.error({err}, 'health check: database unreachable');
        return sendError(reply, 503, 'database unreachable');
      }
      return {ok: true, database: store.dialect};
    }
  );
}
