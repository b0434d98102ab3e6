/**
 * Registers the widget's custom elements. Safe to run twice (two script tags, a cache-busted copy, or a
 * host that already owns the tag): an existing definition is kept and a warning names the tag.
 */
import {AgentAssist} from '../src/components/agent-assist/agent-assist.js';
import type {LazyTag} from '../src/components/agent-assist/agent-assist.js';

// The entry loads this module (painting the first frame while it arrives) and hands the class to
// integrators.
export {AgentAssist};

type Definitions = ReadonlyArray<readonly [string, CustomElementConstructor]>;

/** Tag → class for every element the widget defines on load: only the root, whose first render needs no other. */
const ELEMENTS: Definitions = [['agent-assist', AgentAssist]];

/**
 * Elements loaded after the first render or on first use, each with the inner elements it uses (inner
 * first): the knowledge panel and its article view are shown only once a pack has loaded, the call
 * views only in a call (all load right after the widget appears), the QA view carries the charting library.
 */
const LAZY_ELEMENTS: Record<LazyTag, () => Promise<Definitions>> = {
  // (The views shown right after the first render come in the module of the core, which loads then.)
  'aa-knowledge-panel': () =>
    import('../src/components/agent-assist/core-module.js').then((m) => [
      ['aa-article-view', m.AaArticleView],
      ['aa-knowledge-panel', m.AaKnowledgePanel],
    ]),
  'aa-script-view': () =>
    import('../src/components/agent-assist/core-module.js').then((m) => [['aa-script-view', m.AaScriptView]]),
  'aa-checklist-view': () =>
    import('../src/components/agent-assist/core-module.js').then((m) => [
      ['aa-checklist-view', m.AaChecklistView],
    ]),
  'aa-qa-view': () =>
    import('../src/components/qa-view/qa-view.js').then((m) => [['aa-qa-view', m.AaQaView]]),
};

/** Loads and defines a lazily loaded element (and the inner elements it uses), unless a tag is taken. */
export async function defineLazyElement(
  tag: LazyTag,
  registry: CustomElementRegistry = customElements
): Promise<void> {
  if (defined.get(registry)?.has(tag)) return;
  for (const [name, ctor] of await LAZY_ELEMENTS[tag]()) {
    const done = defined.get(registry) ?? defined.set(registry, new Set()).get(registry)!;
    if (done.has(name)) continue;
    const existing = registry.get(name);
    if (!existing) registry.define(name, ctor);
    else if (existing !== ctor) warnTaken(name);
    done.add(name);
  }
}

/** The lazy tags handled per registry: each is loaded, defined or warned about once. */
const defined = new WeakMap<CustomElementRegistry, Set<string>>();

function warnTaken(tag: string): void {
  console.warn(
    `agent-assist: <${tag}> is already defined on this page (agent-assist.js loaded twice, or another ` +
      `library owns the tag); keeping the existing definition.`
  );
}

/** The registries this module already defined the elements in (a second entry copy shares this module). */
const definedEager = new WeakSet<CustomElementRegistry>();

/** Defines each widget element not yet defined in `registry`; returns the tags this call defined. */
export function defineElements(registry: CustomElementRegistry = customElements): string[] {
  AgentAssist.defineLazy ??= (tag) => defineLazyElement(tag, registry);
  const again = definedEager.has(registry);
  definedEager.add(registry);
  const defined: string[] = [];
  for (const [tag, ctor] of ELEMENTS) {
    const existing = registry.get(tag);
    if (existing) {
      // Another definition, or ours from an earlier call (agent-assist.js loaded twice: the copies share it).
      if (existing !== ctor || again) warnTaken(tag);
      continue;
    }
    registry.define(tag, ctor);
    defined.push(tag);
  }
  return defined;
}
