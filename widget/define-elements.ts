/**
 * Registers the widget's custom elements. Safe to run twice (two script tags, a cache-busted copy, or a
 * host that already owns the tag): an existing definition is kept and a warning names the tag.
 */
import {AgentAssist} from '../src/components/agent-assist/agent-assist.js';
import {AaArticleView} from '../src/components/article-view/article-view.js';
import {AaKnowledgePanel} from '../src/components/knowledge-panel/knowledge-panel.js';
import {AaScriptView} from '../src/components/script-view/script-view.js';

/** Tag → class for every element the widget defines; inner elements first, so the root upgrades last. */
const ELEMENTS: ReadonlyArray<readonly [string, CustomElementConstructor]> = [
  ['aa-article-view', AaArticleView],
  ['aa-knowledge-panel', AaKnowledgePanel],
  ['aa-script-view', AaScriptView],
  ['agent-assist', AgentAssist],
];

/** Defines each widget element not yet defined in `registry`; returns the tags this call defined. */
export function defineElements(registry: CustomElementRegistry = customElements): string[] {
  const defined: string[] = [];
  for (const [tag, ctor] of ELEMENTS) {
    const existing = registry.get(tag);
    if (existing) {
      if (existing !== ctor) {
        console.warn(
          `agent-assist: <${tag}> is already defined on this page (agent-assist.js loaded twice, or another ` +
            `library owns the tag); keeping the existing definition.`
        );
      }
      continue;
    }
    registry.define(tag, ctor);
    defined.push(tag);
  }
  return defined;
}
