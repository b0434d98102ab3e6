/** Reaches into the widget's nested shadow roots by role, so tests read like what an agent sees. */
import type {AgentAssist} from '../../src/components/agent-assist/agent-assist.js';
import type {AaArticleView} from '../../src/components/article-view/article-view.js';
import type {AaKnowledgePanel} from '../../src/components/knowledge-panel/knowledge-panel.js';

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
