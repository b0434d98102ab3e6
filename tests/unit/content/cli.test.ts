/** The content command-line tools, run for real (through tsx, as `npm run` does) by the test server. */
import {expect} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';

interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

const runTool = (tool: string, args: string[] = [], env: Record<string, string> = {}) =>
  executeServerCommand<ToolResult, {tool: string; args: string[]; env: Record<string, string>}>(
    'aa-run-tool',
    {tool, args, env}
  );

describe('npm run content:check', () => {
  it('should pass on the sample content, warning only about the deliberately stale articles', async function () {
    this.timeout(30_000);
    const result = (await runTool('content-check'))!;
    const lines = result.stdout.trim().split('\n');
    const problems = lines.filter((l) => / (error|warning): /.test(l));
    expect(problems.filter((l) => l.includes(' error: '))).to.deep.equal([]);
    expect(problems.length).to.be.greaterThan(0);
    for (const p of problems)
      expect(p).to.match(
        /^content\/articles\/.+\.md:\d+:12 warning: overdue for review since \d{4}-\d{2}-\d{2}/
      );
    expect(result.code).to.equal(0);
    expect(lines.at(-1)).to.match(
      /^content:check: \d+ articles, \d+ scripts, \d+ checklists; 0 error\(s\), \d+ warning\(s\)$/
    );
  });

  it('should report broken content as file:line:column and exit non-zero', async function () {
    this.timeout(30_000);
    const result = (await runTool('content-check', ['--content', 'tests/fixtures/content-broken']))!;
    expect(result.code).to.equal(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines.slice(0, -1)).to.deep.equal([
      'tests/fixtures/content-broken/articles/good.md:10:26 error: link to missing article "missing"',
      'tests/fixtures/content-broken/articles/no-front-matter.md:1:1 error: missing front matter: the file must start with a line "---", then key: value lines, then "---"',
      'tests/fixtures/content-broken/checklists/list.md:7:15 error: item "greeting" applies to step "ghost-step", which is not in any script',
      'tests/fixtures/content-broken/scripts/broken.md:10:9 error: unknown variable "custmer.name"; known: customer.name, customer.firstName, customer.account, customer.phone, customer.plan, agent.name, agent.id, call.id, company.name (declare more under variables: in front matter)',
      'tests/fixtures/content-broken/scripts/broken.md:13:8 error: branch "No" leads to step "nowhere", which does not exist',
    ]);
  });
});

describe("npm run content:check (a content repository's CI and tools)", () => {
  const BANK = 'tests/fixtures/content-bank';
  const OVERDUE =
    'tests/fixtures/content-bank/articles/savings/savings-interest-rates.md:9:12 error: overdue for review since 2026-03-01 (owner: savings-team)';

  it('should pass the bank sample with a warning, and fail it with --strict on its overdue review', async function () {
    this.timeout(60_000);
    const plain = (await runTool('content-check', ['--content', BANK]))!;
    expect(plain.code, plain.stderr).to.equal(0);
    expect(plain.stdout.trim().split('\n')).to.deep.equal([
      OVERDUE.replace(' error: ', ' warning: '),
      'content:check: 26 articles, 2 scripts, 2 checklists; 0 error(s), 1 warning(s)',
    ]);
    const strict = (await runTool('content-check', ['--content', BANK, '--strict']))!;
    expect(strict.code).to.equal(1);
    expect(strict.stdout.trim().split('\n')).to.deep.equal([
      OVERDUE,
      'content:check: 26 articles, 2 scripts, 2 checklists; 1 error(s), 0 warning(s) (strict)',
    ]);
  });

  it('should print one JSON object with --format json, errors first', async function () {
    this.timeout(60_000);
    const result = (await runTool('content-check', [
      '--content',
      'tests/fixtures/content-broken',
      '--format',
      'json',
    ]))!;
    expect(result.code).to.equal(1);
    const report = JSON.parse(result.stdout);
    expect(report.ok).to.equal(false);
    expect(report.strict).to.equal(false);
    expect(report.contentDir).to.equal('tests/fixtures/content-broken');
    expect(report.counts).to.deep.equal({
      articles: 1,
      scripts: 1,
      checklists: 1,
      categories: 0,
      queues: 0,
      errors: 5,
      warnings: 0,
    });
    expect(report.diagnostics[0]).to.deep.equal({
      file: 'tests/fixtures/content-broken/articles/good.md',
      line: 10,
      column: 26,
      severity: 'error',
      message: 'link to missing article "missing"',
    });
    const strict = JSON.parse(
      (await runTool('content-check', ['--content', BANK, '--format', 'json', '--strict']))!.stdout
    );
    expect(strict.ok).to.equal(false);
    expect(strict.counts).to.include({articles: 26, categories: 8, queues: 3, errors: 1, warnings: 0});
    expect(strict.diagnostics).to.deep.equal([
      {
        file: 'tests/fixtures/content-bank/articles/savings/savings-interest-rates.md',
        line: 9,
        column: 12,
        severity: 'error',
        message: 'overdue for review since 2026-03-01 (owner: savings-team)',
        code: 'overdue-review',
      },
    ]);
  });
});

describe('npm run pack', () => {
  it('should build the same bytes twice from the same content', async function () {
    // Two real builds in child processes, while other test files share the two cores.
    this.timeout(60_000);
    const env = {SOURCE_DATE_EPOCH: '1790000000'};
    const a = (await runTool('pack', ['--content', 'content', '--out', '@scratch/pack-a'], env))!;
    const b = (await runTool('pack', ['--content', 'content', '--out', '@scratch/pack-b'], env))!;
    expect(a.code, a.stderr).to.equal(0);
    expect(b.code, b.stderr).to.equal(0);
    const hashA = await executeServerCommand<Record<string, string>, {dir: string}>('aa-hash-folder', {
      dir: 'pack-a',
    });
    const hashB = await executeServerCommand<Record<string, string>, {dir: string}>('aa-hash-folder', {
      dir: 'pack-b',
    });
    expect(Object.keys(hashA!)).to.have.length(5);
    expect(hashB).to.deep.equal(hashA);
  });

  it('should write nothing and exit non-zero for broken content', async function () {
    this.timeout(30_000);
    const result = (await runTool('pack', [
      '--content',
      'tests/fixtures/content-broken',
      '--out',
      '@scratch/pack-broken',
    ]))!;
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain('pack: not written: 5 error(s)');
  });
});
