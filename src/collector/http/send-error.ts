/**
 * Error answers, all alike: `{statusCode, error, message}` (Fastify's own shape), plus the refused events
 * when there are some. The widget keeps a refused event's answer text as its dead-letter reason, so the
 * message says what was wrong in words.
 */
import {STATUS_CODES} from 'node:http';
import type {FastifyReply} from 'fastify';

export function sendError(
  reply: FastifyReply,
  statusCode: number,
  message: string,
  extra: Record<string, unknown> = {}
): FastifyReply {
  return reply
    .code(statusCode)
    .send({statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...extra});
}
