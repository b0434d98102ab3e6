import {expect} from '@open-wc/testing';
import {rewriteLitPolicy} from '../../../src/build/lit-trusted-types-plugin.js';

const MODULE = '/src/internal/trusted-types.ts';
/** lit-html as installed, in its production and development builds (served by the test server). */
const litSource = async (path: string) => (await fetch(`/node_modules/lit-html/${path}`)).text();

describe('rewriteLitPolicy', () => {
  for (const path of ['lit-html.js', 'development/lit-html.js']) {
    it(`should make ${path} ask the widget for its template policy instead of creating lit-html`, async () => {
      const code = await litSource(path);
      const out = rewriteLitPolicy(code, MODULE);
      expect(out).to.not.match(/createPolicy\(\s*['"]lit-html/);
      expect(out.split('__aaLitTemplatePolicy()').length - 1).to.equal(1);
      expect(out).to.contain(
        `import {litTemplatePolicy as __aaLitTemplatePolicy} from "/src/internal/trusted-types.ts";`
      );
      // Only appended to: the source's lines stay where its sourcemap says they are.
      expect(out.split('\n').slice(0, 3).join('\n')).to.equal(code.split('\n').slice(0, 3).join('\n'));
    });
  }

  it('should fail the build when lit-html no longer creates its policy the expected way', () => {
    expect(() => rewriteLitPolicy('const policy = undefined;', MODULE)).to.throw(
      "agent-assist: expected one trustedTypes.createPolicy('lit-html', …) in lit-html, found 0; " +
        'update src/build/lit-trusted-types-plugin.ts for this version of Lit'
    );
  });
});
