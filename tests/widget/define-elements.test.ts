import {expect} from '@open-wc/testing';
import {defineElements, defineLazyElement} from '../../widget/define-elements.js';

/** What `run` warned on the console. */
async function warningsOf(run: () => unknown): Promise<string[]> {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  try {
    await run();
  } finally {
    console.warn = warn;
  }
  return warnings;
}

describe('defineElements', () => {
  it('should define each tag once and keep an existing definition, with a warning', async () => {
    const registry = new CustomElementRegistry();
    // Only the root: the views (the knowledge panel too) are defined after the first render.
    expect(defineElements(registry)).to.deep.equal(['agent-assist']);
    expect(defineElements(registry)).to.deep.equal([]);

    const other = new CustomElementRegistry();
    class HostOwned extends HTMLElement {}
    other.define('agent-assist', HostOwned);
    const warnings = await warningsOf(() => {
      expect(defineElements(other)).to.deep.equal([]);
    });
    expect(other.get('agent-assist')).to.equal(HostOwned);
    expect(warnings).to.deep.equal([
      'agent-assist: <agent-assist> is already defined on this page (agent-assist.js loaded twice, or another library owns the tag); keeping the existing definition.',
    ]);
  });

  it('should define the knowledge panel with its article view, keeping a tag the host owns', async () => {
    const registry = new CustomElementRegistry();
    class HostOwned extends HTMLElement {}
    registry.define('aa-article-view', HostOwned);
    const warnings = await warningsOf(async () => {
      await defineLazyElement('aa-knowledge-panel', registry);
      await defineLazyElement('aa-knowledge-panel', registry);
    });
    expect(registry.get('aa-knowledge-panel')).to.not.equal(undefined);
    expect(registry.get('aa-article-view')).to.equal(HostOwned);
    expect(warnings).to.deep.equal([
      'agent-assist: <aa-article-view> is already defined on this page (agent-assist.js loaded twice, or another library owns the tag); keeping the existing definition.',
    ]);
  });

  it('should define the lazily loaded elements on first use, once, keeping a tag the host owns', async () => {
    const registry = new CustomElementRegistry();
    await defineLazyElement('aa-script-view', registry);
    await defineLazyElement('aa-checklist-view', registry);
    const script = registry.get('aa-script-view');
    expect(script).to.not.equal(undefined);
    await defineLazyElement('aa-script-view', registry);
    expect(registry.get('aa-script-view')).to.equal(script);
    class HostOwned extends HTMLElement {}
    registry.define('aa-qa-view', HostOwned);
    const warnings = await warningsOf(async () => {
      await defineLazyElement('aa-qa-view', registry);
      await defineLazyElement('aa-qa-view', registry);
    });
    expect(registry.get('aa-qa-view')).to.equal(HostOwned);
    // Warned once, naming the tag.
    expect(warnings).to.deep.equal([
      'agent-assist: <aa-qa-view> is already defined on this page (agent-assist.js loaded twice, or another library owns the tag); keeping the existing definition.',
    ]);
  });
});
