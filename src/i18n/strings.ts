/**
 * The widget's UI strings in each language it ships. Plain objects rather than a runtime i18n library:
 * the set is small, and a missing key is a type error instead of a blank label on a live call.
 */
import type {UiLang} from '../config/parse-attributes.js';

const en = {
  brand: 'Agent Assist',
  sections: 'Assistant sections',
  tabKnowledge: 'Knowledge',
  tabScript: 'Call script',
  tabChecklist: 'Checklist',
  online: 'Online',
  offline: 'Offline',
  agent: 'Agent',
  knowledgeNotAvailable:
    'Knowledge search is not available in this build yet: the content pack and search have not landed.',
  scriptNotAvailable: 'Call scripts are not available in this build yet.',
  checklistNotAvailable: 'Compliance checklists are not available in this build yet.',
};

export type UiStrings = typeof en;

const zhCN: UiStrings = {
  brand: '坐席助手',
  sections: '助手功能区',
  tabKnowledge: '知识库',
  tabScript: '通话脚本',
  tabChecklist: '检查清单',
  online: '在线',
  offline: '离线',
  agent: '坐席',
  knowledgeNotAvailable: '此版本尚未提供知识搜索：内容包和搜索功能尚未上线。',
  scriptNotAvailable: '此版本尚未提供通话脚本。',
  checklistNotAvailable: '此版本尚未提供合规检查清单。',
};

const STRINGS: Record<UiLang, UiStrings> = {en, 'zh-CN': zhCN};

/** The UI strings for a language. */
export function uiStrings(lang: UiLang): UiStrings {
  return STRINGS[lang];
}
