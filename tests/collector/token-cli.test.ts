/**
 * `npm run collector -- token create|list|revoke`, run as the real CLI on both databases: a created token
 * works at once, listings never show secrets or hashes, a revoked token is refused at once.
 */
import assert from 'node:assert/strict';
import {describe} from 'node:test';
import {makeCall} from './support/calls.js';
import {runTokenCommand} from '../../src/collector/tokens/token-command.js';
import {runCli} from './support/child-collector.js';
import {backends, post, startServer, itOn} from './support/harness.js';

/** Collects what a command writes. */
function sink(): {write(text: string): void; text: string} {
  return {
    text: '',
    write(text: string) {
      this.text += text;
    },
  };
}

for (const backend of backends) {
  describe(`token CLI (${backend.name})`, () => {
    const it = itOn(backend);
    it('should create, list and revoke tokens', {timeout: 60_000}, async () => {
      const db = await backend.open();
      const server = await startServer(db.store);
      try {
        const created = await runCli(
          ['token', 'create', '--role', 'agent', '--agent', 'a-1', '--team', 't1'],
          db.env
        );
        assert.equal(created.code, 0, created.stderr);
        const id = /^id: +(tok_[0-9a-f]+)$/m.exec(created.stdout)?.[1];
        const secret = /^token: +(aac_\S+)$/m.exec(created.stdout)?.[1];
        assert.ok(id && secret, created.stdout);
        const events = await makeCall({agentId: 'a-1'});
        assert.equal((await post(server, secret, {events})).status, 200);

        const qa = await runCli(
          ['token', 'create', '--role', 'qa', '--team', '*', '--label', 'QA lead'],
          db.env
        );
        assert.equal(qa.code, 0, qa.stderr);

        const list = await runCli(['token', 'list'], db.env);
        assert.equal(list.code, 0, list.stderr);
        assert.match(list.stdout, /^ID +ROLE +AGENT +TEAM +LABEL +CREATED +REVOKED$/m);
        assert.match(list.stdout, new RegExp(`^${id} +agent +a-1 +t1 +- `, 'm'));
        assert.match(list.stdout, /^tok_[0-9a-f]+ +qa +- +\* +QA lead /m);
        // Neither the secret nor anything shaped like its stored hash is ever listed.
        assert.doesNotMatch(list.stdout, /aac_|[0-9a-f]{64}/);
        const json = sink();
        await runTokenCommand(['list', '--json'], db.store, json);
        const tokens = JSON.parse(json.text) as Record<string, unknown>[];
        assert.equal(tokens.length, 2);
        for (const t of tokens)
          assert.deepEqual(Object.keys(t).sort(), [
            'agentId',
            'createdAt',
            'id',
            'label',
            'revokedAt',
            'role',
            'team',
          ]);

        const revoked = await runCli(['token', 'revoke', id], db.env);
        assert.equal(revoked.code, 0, revoked.stderr);
        assert.equal(revoked.stdout, `revoked ${id}\n`);
        assert.equal((await post(server, secret, {events})).status, 401);
        await assert.rejects(runTokenCommand(['revoke', id], db.store, sink()), {
          name: 'UsageError',
          message: `no live token "${id}" (see: collector token list)`,
        });
      } finally {
        await server.close();
        await db.drop();
      }
    });

    it('should refuse a token without the binding its role needs', {timeout: 60_000}, async () => {
      const db = await backend.open();
      try {
        const cli = await runCli(['token', 'create', '--role', 'qa'], db.env);
        assert.equal(cli.code, 2);
        assert.match(
          cli.stderr,
          /^collector: a qa token needs --team <team> \(or --team "\*" for every team\)/
        );
        for (const [args, message] of [
          [['--role', 'agent'], 'an agent token needs --agent <agentId>'],
          [['--role', 'boss'], '--role must be agent, qa or admin'],
          [['--role', 'admin', '--team', 't1'], 'an admin token reads every team: drop --team'],
          [['--role', 'agent', '--agent', ' '], '--agent must be 1 to 128 characters'],
        ] as const) {
          await assert.rejects(runTokenCommand(['create', ...args], db.store, sink()), (err: Error) => {
            assert.equal(err.name, 'UsageError');
            assert.equal(err.message.split('\n')[0], message);
            return true;
          });
        }
        assert.deepEqual(await db.store.listTokens(), []);
      } finally {
        await db.drop();
      }
    });
  });
}
