/**
 * Issuing bearer tokens: a random 32-byte secret shown once, stored only as its SHA-256 (a leaked
 * database holds no usable token), with a short public id to list and revoke it by.
 */
import {createHash, randomBytes} from 'node:crypto';
import type {CollectorStore, Role, TokenRecord} from '../store/collector-store.js';

/** Every secret starts so, which makes a leaked one easy to find in logs and code scanners. */
export const TOKEN_PREFIX = 'aac_';

/** The stored form of a secret: SHA-256, hex. A fast hash is enough for 256 random bits. */
export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** What a new token is for. */
export interface TokenRequest {
  role: Role;
  agentId?: string | null;
  team?: string | null;
  label?: string | null;
}

/** Checks a request's role bindings; returns what is wrong, or null. */
export function tokenRequestProblem(req: TokenRequest): string | null {
  if (req.role === 'agent' && !req.agentId) return 'an agent token needs --agent <agentId>';
  if (req.role !== 'agent' && req.agentId) return `--agent applies to agent tokens only`;
  if (req.role === 'qa' && !req.team) return 'a qa token needs --team <team> (or --team "*" for every team)';
  if (req.role === 'admin' && req.team) return 'an admin token reads every team: drop --team';
  if (req.role === 'agent' && req.team === '*') return 'an agent belongs to one team, not "*"';
  return null;
}

/** A new token record and its secret (not stored yet). */
export function newToken(req: TokenRequest, now: Date): {token: TokenRecord; secret: string} {
  const problem = tokenRequestProblem(req);
  if (problem) throw new Error(`collector: ${problem}`);
  const token: TokenRecord = {
    id: `tok_${randomBytes(6).toString('hex')}`,
    role: req.role,
    agentId: req.agentId ?? null,
    team: req.team ?? null,
    label: req.label ?? null,
    createdAt: now.toISOString(),
    revokedAt: null,
  };
  return {token, secret: TOKEN_PREFIX + randomBytes(32).toString('base64url')};
}

/** Creates and stores a token; resolves it with its secret, which is never retrievable again. */
export async function issueToken(
  store: CollectorStore,
  req: TokenRequest,
  now = new Date()
): Promise<{token: TokenRecord; secret: string}> {
  const issued = newToken(req, now);
  await store.insertToken(issued.token, hashTokenSecret(issued.secret));
  return issued;
}
