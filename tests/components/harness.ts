/** Reaches into the widget's nested shadow roots by role, so tests read like what an agent sees. */
import {ContextProvider} from '@lit/context';
import {fixture, html, oneEvent} from '@open-wc/testing';
import type {AgentAssist} from '../../src/components/agent-assist/agent-assist.js';
import type {AaArticleView} from '../../src/components/article-view/article-view.js';
import type {AaKnowledgePanel} from '../../src/components/knowledge-panel/knowledge-panel.js';
import {widgetContext} from '../../src/controllers/widget-context.js';
import type {UiLang} from '../../src/config/parse-attributes.js';
import type {PageArticle} from '../../src/content/pack-types.js';
import {uiStrings} from '../../src/i18n/strings.js';
// Failed element comparisons report instead of stalling the browser (see the module).
import '../support/readable-failures.js';

export const shell = (el: AgentAssist): ShadowRoot => el.shadowRoot!;

export function panel(el: AgentAssist): AaKnowledgePanel {
  return shell(el).querySelector('aa-knowledge-panel')!;
}

/** Waits for the shell, the knowledge panel and an open article view to finish rendering. */
export async function settle(el: AgentAssist): Promise<void> {
  await el.updateComplete;
  const p = shell(el).querySelector('aa-knowledge-panel');
  if (p) {
    await p.updateComplete;
    // The browse list is ordered in the search worker: it arrives after the panel's first render.
    await p.browsing;
    await p.shadowRoot!.querySelector('aa-article-view')?.updateComplete;
  }
}

export function articleView(el: AgentAssist): AaArticleView | null {
  return panel(el)?.shadowRoot!.querySelector('aa-article-view') ?? null;
}

/** Titles in the browse list. */
export function browseTitles(el: AgentAssist): string[] {
  return [...panel(el).shadowRoot!.querySelectorAll('.article-link')].map((b) => b.textContent!.trim());
}

export function searchBox(el: AgentAssist): HTMLInputElement {
  return panel(el).shadowRoot!.querySelector('input[type=search]')!;
}

/** Titles of the search results, in order. */
export function resultTitles(el: AgentAssist): string[] {
  return [...panel(el).shadowRoot!.querySelectorAll('[role=option] .title')].map((t) =>
    [...t.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent)
      .join('')
      .trim()
  );
}

/** The built sample pack, as `npm run build` writes it. */
export const DIST_PACK = '/dist/kb/manifest.json';

/**
 * Mounts `<agent-assist>` on `packUrl` (the built sample pack by default) and waits until it is usable:
 * the pack applied, the search index loaded (a first search waits for it) and the panel rendered.
 */
export async function loadedWidget(
  attrs: {lang?: string; packUrl?: string; agentId?: string} = {}
): Promise<AgentAssist> {
  const el = document.createElement('agent-assist') as AgentAssist;
  el.setAttribute('lang', attrs.lang ?? 'en');
  el.setAttribute('pack-url', attrs.packUrl ?? DIST_PACK);
  if (attrs.agentId) el.setAttribute('agent-id', attrs.agentId);
  const ready = oneEvent(el, 'aa-content-update');
  await fixture(html`<div></div>`).then((d) => d.append(el));
  await ready;
  await el.search('warm-up');
  await settle(el);
  return el;
}

/**
 * Mounts `<agent-assist>` for a call test (in `parent`, or a fresh fixture) and waits for its pack, its
 * resume check and the call views, which load right after the first render.
 */
export async function mountForCalls(
  attrs: {agentId: string; queue: string; packUrl: string},
  parent?: HTMLElement
): Promise<AgentAssist> {
  const el = document.createElement('agent-assist') as AgentAssist;
  el.setAttribute('lang', 'en');
  el.setAttribute('agent-id', attrs.agentId);
  el.setAttribute('queue', attrs.queue);
  el.setAttribute('pack-url', attrs.packUrl);
  const ready = oneEvent(el, 'aa-content-update');
  (parent ?? (await fixture(html`<div></div>`))).append(el);
  await ready;
  await el.getCall();
  await Promise.all([
    customElements.whenDefined('aa-script-view'),
    customElements.whenDefined('aa-checklist-view'),
  ]);
  return el;
}

/**
 * A fixture element that provides the widget's context (strings, language, no pack) as the root does,
 * for mounting one view on its own; `articleBody` answers for the articles' HTML.
 */
export async function contextHost(
  lang: UiLang = 'en',
  articleBody: (id: string) => Promise<string | null> = async () => null
): Promise<HTMLDivElement> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  new ContextProvider(host, {
    context: widgetContext,
    initialValue: {
      strings: uiStrings(lang),
      lang,
      pack: null,
      articleBody,
      articlesById: new Map(),
      today: new Date().toISOString().slice(0, 10),
    },
  });
  return host;
}

/** An article as the page holds it (no HTML), for a view mounted on its own. */
export function pageArticle(id = 'billing/refunds', title = 'Refunds'): PageArticle {
  return {
    id,
    title,
    category: 'billing',
    tags: [],
    aliases: [],
    lang: 'en',
    owner: 'qa',
    updated: '2026-11-01',
    reviewBy: '',
    summary: '',
    links: [],
  };
}
