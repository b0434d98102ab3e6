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
  searchLabel: 'Search the knowledge base',
  searchPlaceholder: 'Search articles (press / to focus)',
  filters: 'Filters',
  allCategories: 'All',
  languageFilter: 'Language',
  allLanguages: 'All languages',
  results: (n: number) => (n === 1 ? '1 article' : `${n} articles`),
  noResults: (q: string) => `No articles match "${q}".`,
  didYouMean: 'Try:',
  copyArticle: 'Copy article',
  copyParagraph: 'Copy',
  copied: 'Copied',
  related: 'Related articles',
  loadingContent: 'Loading the knowledge base…',
  noPack: 'No content pack is configured: set the pack-url attribute.',
  packError: 'The knowledge base could not be loaded.',
  keptPreviousPack: 'Showing the previous version of the knowledge base.',
  articles: 'Articles',
  back: 'Back to articles',
  reviewOverdue: 'review overdue',
  updatedOn: (date: string) => `Updated ${date}`,
  overdueForReview: (date: string) =>
    `This article was due for review on ${date} and may be out of date. Check before quoting prices or policies.`,
  categoryNames: {
    billing: 'Billing',
    plans: 'Plans',
    roaming: 'Roaming',
    devices: 'Devices',
    outages: 'Network & outages',
    security: 'Account security',
    complaints: 'Complaints',
    account: 'Account',
    general: 'General',
  } as Record<string, string>,
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
  searchLabel: '搜索知识库',
  searchPlaceholder: '搜索文章（按 / 聚焦）',
  filters: '筛选',
  allCategories: '全部',
  languageFilter: '语言',
  allLanguages: '全部语言',
  results: (n: number) => `${n} 篇文章`,
  noResults: (q: string) => `没有与"${q}"匹配的文章。`,
  didYouMean: '试试：',
  copyArticle: '复制全文',
  copyParagraph: '复制',
  copied: '已复制',
  related: '相关文章',
  loadingContent: '正在加载知识库…',
  noPack: '未配置内容包：请设置 pack-url 属性。',
  packError: '知识库加载失败。',
  keptPreviousPack: '正在显示上一版本的知识库。',
  articles: '文章',
  back: '返回文章列表',
  reviewOverdue: '待复核',
  updatedOn: (date: string) => `更新于 ${date}`,
  overdueForReview: (date: string) => `本文应于 ${date} 复核，内容可能已过时。引用价格或政策前请先核实。`,
  categoryNames: {
    billing: '账单',
    plans: '套餐',
    roaming: '漫游',
    devices: '终端设备',
    outages: '网络与故障',
    security: '账户安全',
    complaints: '投诉',
    account: '账户',
    general: '综合',
  },
  scriptNotAvailable: '此版本尚未提供通话脚本。',
  checklistNotAvailable: '此版本尚未提供合规检查清单。',
};

const STRINGS: Record<UiLang, UiStrings> = {en, 'zh-CN': zhCN};

/** The UI strings for a language. */
export function uiStrings(lang: UiLang): UiStrings {
  return STRINGS[lang];
}
