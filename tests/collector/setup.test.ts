/**
 * The collector's setup: configuration checked at start with clear messages, migrations applied once and
 * recorded, and the layering rule that keeps it Node-only (nothing imports src/collector/, and it imports
 * only the pure layers).
 */
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {ESLint} from 'eslint';
import {loadConfig} from '../../src/collector/load-config.js';
import {ROOT} from './support/child-collector.js';
import {backends, itOn} from './support/harness.js';

describe('loadConfig', () => {
  it('should start with no configuration on SQLite in ./.collector-data on 127.0.0.1:8787', () => {
    const config = loadConfig({}, '/srv/aa');
    assert.deepEqual(config, {
      host: '127.0.0.1',
      port: 8787,
      databaseUrl: null,
      dataDir: '/srv/aa/.collector-data',
      corsOrigins: [],
      bodyLimit: 1024 * 1024,
      rateLimitPerMinute: 600,
      retentionDays: null,
      packDir: null,
      exportMaxCalls: 10_000,
      logLevel: 'info',
      trustProxy: false,
    });
  });

  it('should read every variable', () => {
    const config = loadConfig(
      {
        PORT: '9000',
        HOST: '0.0.0.0',
        DATABASE_URL: 'postgres://u:p@db:5432/aa',
        COLLECTOR_CORS_ORIGINS: 'https://desk.example, http://localhost:5173',
        COLLECTOR_BODY_LIMIT: '2048',
        COLLECTOR_RATE_LIMIT: '0',
        COLLECTOR_RETENTION_DAYS: '90',
        COLLECTOR_PACK_DIR: 'none',
        COLLECTOR_LOG_LEVEL: 'warn',
        COLLECTOR_TRUST_PROXY: 'true',
      },
      '/srv/aa'
    );
    assert.equal(config.port, 9000);
    assert.equal(config.databaseUrl, 'postgres://u:p@db:5432/aa');
    assert.deepEqual(config.corsOrigins, ['https://desk.example', 'http://localhost:5173']);
    assert.equal(config.retentionDays, 90);
    assert.equal(config.rateLimitPerMinute, 0);
    assert.equal(config.trustProxy, true);
  });

  it('should name the variable and what it accepts when a value is wrong', () => {
    const cases: [NodeJS.ProcessEnv, string][] = [
      [{PORT: 'http'}, 'PORT="http": expected a whole number from 0 to 65535'],
      [{DATABASE_URL: 'mysql://x'}, 'DATABASE_URL: expected postgres://user:password@host:port/database'],
      [
        {COLLECTOR_CORS_ORIGINS: 'https://desk.example/'},
        'COLLECTOR_CORS_ORIGINS: "https://desk.example/" is not an origin (scheme://host[:port], no path or trailing slash)',
      ],
      [
        {COLLECTOR_RETENTION_DAYS: '-1'},
        'COLLECTOR_RETENTION_DAYS="-1": expected a whole number from 0 to 36500',
      ],
      [
        {COLLECTOR_PACK_DIR: '/nowhere'},
        'COLLECTOR_PACK_DIR: no manifest.json in /nowhere (build one with npm run build)',
      ],
    ];
    for (const [env, message] of cases)
      assert.throws(() => loadConfig(env, '/srv/aa'), {name: 'ConfigError', message});
  });
});

for (const backend of backends) {
  describe(`migrations (${backend.name})`, () => {
    const it = itOn(backend);
    it('should apply each migration once', async () => {
      const db = await backend.open();
      try {
        // backend.open() migrated already: nothing is left to apply.
        assert.deepEqual(await db.store.migrate(), []);
        assert.deepEqual(await Promise.all([db.store.migrate(), db.store.migrate()]), [[], []]);
      } finally {
        await db.drop();
      }
    });
  });
}

describe('layering of src/collector/', () => {
  const lint = async (filePath: string, text: string) => {
    const [result] = await new ESLint({cwd: ROOT}).lintText(text, {filePath});
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  it('should keep the collector out of every other folder and the widget', async () => {
    const probe = "import {buildApp} from '../collector/build-app.js';\nexport const b = buildApp;\n";
    for (const folder of ['components', 'internal', 'build', 'qa']) {
      assert.equal((await lint(`src/${folder}/layer-probe.ts`, probe)).length, 1, folder);
    }
    const widget = await lint(
      'widget/layer-probe.ts',
      "import {buildApp} from '../src/collector/build-app.js';\nexport const b = buildApp;\n"
    );
    assert.match(widget[0] ?? '', /may not import the Node-only/);
  });

  it('should let the collector import only the pure layers', async () => {
    assert.deepEqual(
      await lint(
        'src/collector/layer-probe.ts',
        "import {reportFromLog} from '../calls/report-from-log.js';\nexport const r = reportFromLog;\n"
      ),
      []
    );
    const [message] = await lint(
      'src/collector/layer-probe.ts',
      "import {hashEvent} from '../storage/event-log.js';\nexport const h = hashEvent;\n"
    );
    assert.match(message ?? '', /src\/collector\/ \(Node-only\) may import only internal, content/);
  });
});
