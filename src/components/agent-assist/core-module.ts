/**
 * What `<agent-assist>` loads right after its first render, as one module (one chunk, one request): the
 * core with the content, search, call and QA state behind it, the search worker's factory, the handlers
 * that forward what the agent does in the views, and the views shown next (the knowledge panel with its
 * article view, the call script and the checklist).
 */
export {AgentAssistCore} from '../../session/agent-assist-core.js';
export {createSearchWorker} from '../../search/create-search-worker.js';
export {panelHandlers} from './panel-handlers.js';
export {AaArticleView} from '../article-view/article-view.js';
export {AaKnowledgePanel} from '../knowledge-panel/knowledge-panel.js';
export {AaScriptView} from '../script-view/script-view.js';
export {AaChecklistView} from '../checklist-view/checklist-view.js';
