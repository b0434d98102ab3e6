/**
 * The lint rules that keep the widget within a strict CSP and Trusted Types (eslint.config.js,
 * no-restricted-syntax), run for real by the test server: Lit's unsafe directives and styleMap are refused.
 */
import {expect} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';

interface LintMessage {
  ruleId: string | null;
  message: string;
  line: number;
}

const lint = async (text: string) =>
  (await executeServerCommand<LintMessage[], {filePath: string; text: string}>('aa-lint-text', {
    filePath: 'src/components/csp-probe.ts',
    text,
  }))!.filter((m) => m.ruleId === 'no-restricted-syntax');

describe('strict CSP lint rules (eslint no-restricted-syntax)', function () {
  this.timeout(60_000);

  it('should refuse unsafeHTML and unsafeSVG, which pass HTML through the template policy unsanitized', async () => {
    const problems = await lint(
      "import {unsafeHTML} from 'lit/directives/unsafe-html.js';\n" +
        "import {unsafeSVG} from 'lit/directives/unsafe-svg.js';\nexport const d = [unsafeHTML, unsafeSVG];\n"
    );
    expect(problems.map((p) => p.line)).to.deep.equal([1, 2]);
    expect(problems[0]!.message).to.contain('No unsafeHTML/unsafeSVG');
  });

  it('should refuse styleMap, whose first render writes a style attribute a strict style-src refuses', async () => {
    const problems = await lint(
      "import {styleMap} from 'lit/directives/style-map.js';\nexport const d = styleMap;\n"
    );
    expect(problems).to.have.length(1);
    expect(problems[0]!.message).to.contain('No styleMap');
  });

  it('should let other directives through', async () => {
    const text = "import {classMap} from 'lit/directives/class-map.js';\nexport const d = classMap;\n";
    expect(await lint(text)).to.deep.equal([]);
  });
});
