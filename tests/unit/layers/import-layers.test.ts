/**
 * The layering lint rule (LAYERS in eslint.config.js), run for real by the test server: an import that
 * runs back up a layer fails `npm run check`, one that points down passes.
 */
import {expect} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';

interface LintMessage {
  ruleId: string | null;
  message: string;
  line: number;
}

const lint = async (filePath: string, text: string) =>
  (await executeServerCommand<LintMessage[], {filePath: string; text: string}>('aa-lint-text', {
    filePath,
    text,
  }))!.filter((m) => m.ruleId === 'no-restricted-imports');

describe('import layers (eslint no-restricted-imports)', function () {
  this.timeout(60_000);

  it('should refuse a pure module importing a type from storage', async () => {
    const problems = await lint(
      'src/calls/layer-probe.ts',
      "import type {AssistDb} from '../storage/assist-db.js';\nexport type Probe = AssistDb;\n"
    );
    expect(problems).to.have.length(1);
    expect(problems[0]!.message).to.contain('src/calls/ may import only lower layers');
  });

  it('should refuse content importing search, and the session importing components', async () => {
    expect(
      await lint(
        'src/content/layer-probe.ts',
        "import {SEARCH_INDEX_VERSION} from '../search/search-options.js';\nexport const v = SEARCH_INDEX_VERSION;\n"
      )
    ).to.have.length(1);
    expect(
      await lint(
        'src/session/layer-probe.ts',
        "import type {AgentAssist} from '../components/agent-assist/agent-assist.js';\nexport type P = AgentAssist;\n"
      )
    ).to.have.length(1);
  });

  it('should refuse Node-only build code in the widget, and components in build code', async () => {
    expect(
      await lint(
        'src/components/layer-probe.ts',
        "import {buildContentPack} from '../build/build-content-pack.js';\nexport const b = buildContentPack;\n"
      )
    ).to.have.length(1);
    expect(
      await lint(
        'src/build/layer-probe.ts',
        "import {uiStrings} from '../components/agent-assist/agent-assist.js';\nexport const u = uiStrings;\n"
      )
    ).to.have.length(1);
  });

  it('should accept imports that point down', async () => {
    expect(
      await lint(
        'src/storage/layer-probe.ts',
        "import type {LogEvent} from '../model/call-log.js';\nimport {reportFromLog} from '../calls/report-from-log.js';\nexport type E = LogEvent;\nexport const r = reportFromLog;\n"
      )
    ).to.deep.equal([]);
    expect(
      await lint(
        'src/components/probe/layer-probe.ts',
        "import type {LogEvent} from '../../model/call-log.js';\nexport type E = LogEvent;\n"
      )
    ).to.deep.equal([]);
  });
});
