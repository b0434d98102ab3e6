/**
 * Bearer-token access for a route: finds the token by the SHA-256 of the presented secret (revoked tokens
 * never match), checks its role, then its rate limit. The token is looked up on every request (nothing
 * cached), so a revocation takes effect at once on every collector sharing the database.
 */
import type {FastifyReply, FastifyRequest, onRequestAsyncHookHandler} from 'fastify';
import type {CollectorStore, Role, TokenRecord} from '../store/collector-store.js';
import {hashTokenSecret} from '../tokens/issue-token.js';
import type {RateLimiter} from './rate-limiter.js';
import {sendError} from './send-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's token, once `authenticate` let the request through. */
    token: TokenRecord | null;
  }
}

const BEARER = /^Bearer +([\x21-\x7e]{1,512})$/i;

/** An onRequest hook admitting tokens of `roles`: 401 without a valid token, 403 for another role, 429 over the limit. */
export function authenticate(
  store: CollectorStore,
  limiter: RateLimiter,
  roles: readonly Role[]
): onRequestAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization;
    const match = header ? BEARER.exec(header) : null;
    if (!match) {
      reply.header('WWW-Authenticate', 'Bearer');
      return sendError(reply, 401, 'missing bearer token: send "Authorization: Bearer <token>"');
    }
    const token = await store.tokenBySecretHash(hashTokenSecret(match[1]!));
    if (!token) {
      reply.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      return sendError(reply, 401, 'unknown or revoked token');
    }
    const wait = limiter.take(token.id);
    if (wait > 0) {
      reply.header('Retry-After', String(wait));
      return sendError(reply, 429, `rate limit reached for this token; retry in ${wait} s`);
    }
    if (!roles.includes(token.role)) {
      const article = roles[0]!.startsWith('a') ? 'an' : 'a';
      const needs = `this needs ${article} ${roles.join(' or ')} token`;
      return sendError(reply, 403, `${needs}; this token's role is ${token.role}`);
    }
    request.token = token;
    return undefined;
  };
}
