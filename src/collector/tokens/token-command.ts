/**
 * `collector token create|revoke|list`: token administration from the command line, on the same database
 * the server uses. A secret is printed once, at creation; listings never show secrets or their hashes.
 */
import {parseArgs} from 'node:util';
import type {CollectorStore, Role, TokenRecord} from '../store/collector-store.js';
import {issueToken, tokenRequestProblem} from './issue-token.js';

export const TOKEN_USAGE = `Usage:
  collector token create --role agent --agent <agentId> [--team <team>] [--label <text>]
  collector token create --role qa --team <team|*> [--label <text>]
  collector token create --role admin [--label <text>]
  collector token revoke <tokenId>
  collector token list [--json]`;

/** Thrown for a command line the token command cannot run; the message says what to type instead. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const ROLES: Role[] = ['agent', 'qa', 'admin'];

function table(tokens: TokenRecord[]): string {
  const head = ['ID', 'ROLE', 'AGENT', 'TEAM', 'LABEL', 'CREATED', 'REVOKED'];
  const rows = tokens.map((t) => [
    t.id,
    t.role,
    t.agentId ?? '-',
    t.team ?? '-',
    t.label ?? '-',
    t.createdAt,
    t.revokedAt ?? '-',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [head, ...rows]
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd()
    )
    .join('\n');
}

/** Runs `token <args…>`; writes to `out`; rejects with a {@link UsageError} on a wrong command line. */
export async function runTokenCommand(
  args: string[],
  store: CollectorStore,
  out: {write(text: string): unknown}
): Promise<void> {
  const [action, ...rest] = args;
  if (action === 'create') {
    const {values, positionals} = parseArgs({
      args: rest,
      options: {
        role: {type: 'string'},
        agent: {type: 'string'},
        team: {type: 'string'},
        label: {type: 'string'},
      },
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new UsageError(`unexpected ${positionals.join(' ')}\n${TOKEN_USAGE}`);
    const role = values.role as Role | undefined;
    if (!role || !ROLES.includes(role))
      throw new UsageError(`--role must be agent, qa or admin\n${TOKEN_USAGE}`);
    const request = {
      role,
      agentId: values.agent ?? null,
      team: values.team ?? null,
      label: values.label ?? null,
    };
    for (const [name, value] of Object.entries({
      agent: values.agent,
      team: values.team,
      label: values.label,
    })) {
      if (value !== undefined && (value.trim() === '' || value.length > 128))
        throw new UsageError(`--${name} must be 1 to 128 characters`);
    }
    const problem = tokenRequestProblem(request);
    if (problem) throw new UsageError(`${problem}\n${TOKEN_USAGE}`);
    const {token, secret} = await issueToken(store, request);
    out.write(
      [
        `id:    ${token.id}`,
        `role:  ${token.role}`,
        ...(token.agentId ? [`agent: ${token.agentId}`] : []),
        ...(token.team ? [`team:  ${token.team}`] : []),
        `token: ${secret}`,
        'The token is shown this once; only its hash is stored.',
        '',
      ].join('\n')
    );
  } else if (action === 'revoke') {
    if (rest.length !== 1) throw new UsageError(`token revoke takes one token id\n${TOKEN_USAGE}`);
    const id = rest[0]!;
    if (!(await store.revokeToken(id, new Date().toISOString())))
      throw new UsageError(`no live token ${JSON.stringify(id)} (see: collector token list)`);
    out.write(`revoked ${id}\n`);
  } else if (action === 'list') {
    const {values} = parseArgs({args: rest, options: {json: {type: 'boolean'}}});
    const tokens = await store.listTokens();
    out.write(values.json ? `${JSON.stringify(tokens, null, 2)}\n` : `${table(tokens)}\n`);
  } else {
    throw new UsageError(TOKEN_USAGE);
  }
}
