/**
 * Registers the widget's custom elements. Safe to run twice (two script tags, a cache-busted copy, or a
 * host that already owns the tag): an existing definition is kept and a warning names the tag.
 */
import {AgentAssist} from '../src/components/agent-assist/agent-assist.js';
import type {LazyTag} from '../src/components/agent-assist/agent-assist.js';
import {AaArticleView} from '../src/components/article-view/article-view.js';
import {AaKnowledgePanel} from '../src/components/knowledge-panel/knowledge-panel.js';

/** Tag → class for every element the widget defines; inner elements first, so the root upgrades last. */
const ELEMENTS: ReadonlyArray<readonly [string, CustomElementConstructor]> = [
  ['aa-article-view', AaArticleView],
  ['aa-knowledge-panel', AaKnowledgePanel],
  ['agent-assist', AgentAssist],
];

/**
 * Elements loaded after the first render or on first use: the call views are not needed to show the
 * widget (they load right after it appears, before any call), the QA view carries the charting library.
 */
const LAZY_ELEMENTS: Record<LazyTag, () => Promise<CustomElementConstructor>> = {
  'aa-script-view': () => import('../src/components/script-view/script-view.js').then((m) => m.AaScriptView),
  'aa-checklist-view': () =>
    import('../src/components/checklist-view/checklist-view.js').then((m) => m.AaChecklistView),
  'aa-qa-view': () => import('../src/components/qa-view/qa-view.js').then((m) => m.AaQaView),
};

/** Loads and defines a lazily loaded element, unless the tag is taken. */
export async function defineLazyElement(
  tag: LazyTag,
  registry: CustomElementRegistry = customElements
): Promise<void> {
  if (defined.get(registry)?.has(tag)) return;
  const ctor = await LAZY_ELEMENTS[tag]();
  const existing = registry.get(tag);
  if (!existing) registry.define(tag, ctor);
  else if (existing !== ctor) warnTaken(tag);
  (defined.get(registry) ?? defined.set(registry, new Set()).get(registry)!).add(tag);
}

/** The lazy tags handled per registry: each is loaded, defined or warned about once. */
const defined = new WeakMap<CustomElementRegistry, Set<string>>();

function warnTaken(tag: string): void {
  console.warn(
    `agent-assist: <${tag}> is already defined on this page (agent-assist.js loaded twice, or another ` +
      `library owns the tag); keeping the existing definition.`
  );
}

/** Defines each widget element not yet defined in `registry`; returns the tags this call defined. */
export function defineElements(registry: CustomElementRegistry = customElements): string[] {
  AgentAssist.defineLazy ??= (tag) => defineLazyElement(tag, registry);
  const defined: string[] = [];
  for (const [tag, ctor] of ELEMENTS) {
    const existing = registry.get(tag);
    if (existing) {
      if (existing !== ctor) warnTaken(tag);
      continue;
    }
    registry.define(tag, ctor);
    defined.push(tag);
  }
  return defined;
}
