/**
 * What the root does with what the agent does in its panels: ticks, moves and script choices go to the
 * call session (errors stay with the session for the view; storage failures were already reported as
 * `aa-error`), article opens and searches to the core, QA imports and exports to the QA data.
 */
import type {PageArticle} from '../../content/pack-types.js';
import type {UiStrings} from '../../i18n/strings.js';
import type {AgentAssistCore, ArticleSource} from '../../session/agent-assist-core.js';
import type {PanelHandlers} from './render-panels.js';

/** What the handlers need of the root element. */
export interface PanelShell {
  /** Shows an article in the knowledge section, focused (`from: 'script'` offers the way back). */
  showArticle(article: PageArticle, from: ArticleSource): Promise<void>;
  /** Returns to the script section, focused on the step. */
  backToScript(): Promise<void>;
  /** The agent answered the end-of-call prompt (true: end the call anyway). */
  answerEnd(end: boolean): void;
  /** Resolves once the root has rendered what changed. */
  rendered(): Promise<void>;
  uiStrings(): UiStrings;
  /** Says `text` in the shell's live region (assertive when `urgent`). */
  announce(text: string, urgent: boolean): void;
}

export function panelHandlers(core: AgentAssistCore, shell: PanelShell): PanelHandlers {
  const calls = core.calls;
  return {
    item: async (action, from) => {
      const {itemId} = action;
      // Where the agent was: the script itself (C), the box (Space, a click) or a skip form.
      const before = (from.renderRoot as ShadowRoot).activeElement as HTMLElement | null;
      try {
        if (action.action === 'skip')
          await calls.markItem(itemId, {type: 'skip', reason: action.reason}, 'skip');
        else if (action.action === 'check')
          await calls.markItem(itemId, {type: 'check', source: 'agent'}, 'check');
        else await calls.markItem(itemId, {type: 'uncheck'}, 'uncheck');
      } catch (err) {
        if (!(err as {code?: string}).code) console.warn((err as Error).message);
      }
      // Focus stays where the agent was: on the script after C, else on the item's box (the skip form,
      // or the box itself, was disabled or removed while the write was saved).
      await shell.rendered();
      await from.updateComplete;
      // Unless the agent has moved on meanwhile (Tab to the next box while this one was saved): theirs wins.
      const now = (from.renderRoot as ShadowRoot).activeElement;
      if (now && now !== before) return;
      if (before?.isConnected && !before.matches('[data-item-box]')) before.focus();
      else from.renderRoot.querySelector<HTMLElement>(`[data-item-box="${CSS.escape(itemId)}"]`)?.focus();
    },
    move: (move) => calls.move(move, 'move').catch((err: Error) => console.warn(err.message)),
    chooseScript: async (scriptId) => {
      const pack = core.content.pack;
      const script = pack?.scripts.find((s) => s.id === scriptId);
      if (script) await calls.switchScript(script, pack!.checklists);
    },
    scriptArticle: async (id) => {
      const article = core.content.articlesById.get(id);
      if (article) await shell.showArticle(article, 'script');
    },
    backToScript: () => shell.backToScript(),
    answerEnd: (end) => shell.answerEnd(end),
    articleOpened: (id, from) => core.articleOpened(id, from),
    searched: (query, resultCount) => core.searched(query, resultCount),
    searchCleared: () => core.searchCleared(),
    articleFeedback: (request) =>
      core.articleFeedback(request.articleId, request.rating, request.comment).then(
        () => request.reply(true),
        (err: Error) => {
          console.warn(`agent-assist: article feedback not logged: ${err.message}`);
          request.reply(false);
        }
      ),
    qaImport: async (files) => {
      const s = shell.uiStrings();
      const outcomes = await core.qa.importFiles(files);
      core.qa.message = outcomes
        .map((o) => ('error' in o ? o.error : s.qaImported(o.file, o.calls, o.broken)))
        .join(' ');
      await shell.rendered();
    },
    qaExport: async (format, filter) => {
      let blob: Blob;
      try {
        blob = await core.qa.exportCalls(format, filter);
      } catch (err) {
        core.qa.message = (err as Error).message;
        await shell.rendered();
        return;
      }
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `agent-assist-log-${new Date().toISOString().slice(0, 10)}.${format}`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    },
    qaClear: () => core.qa.clearImports(),
    qaQuery: (filter) => core.qa.query(filter),
    qaMore: () => core.qa.more(),
    announce: (text, urgent) => shell.announce(text, urgent),
  };
}
