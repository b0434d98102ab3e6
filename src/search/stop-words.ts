/**
 * Stop words: terms too common to say anything about which article is meant. Dropping them shrinks the
 * index and, for Chinese, keeps a query from scoring every document (a 39k-entry pack has "的" and "怎么"
 * in most entries). Kept short on purpose: a word that is sometimes meaningful ("not", "no") stays.
 */

/** English function words (lower case). */
export const EN_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but of to in on at by for with from as is are was were be been being am do does did ' +
    'it its this that these those i me my we our you your he she they them their his her what which who whom ' +
    'how can could would should will shall may might must there here than then so if into about over such'
  ).split(' ')
);

/** Chinese particles, pronouns and question words (segmenter output). */
export const ZH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    '的 了 吗 呢 吧 啊 呀 么 嘛 是 在 和 与 及 或 就 都 也 还 又 很 太 我 你 他 她 它 我们 你们 他们 这 那 这个 那个 ' +
    '怎么 怎样 怎么样 如何 什么 为什么 哪 哪里 哪个 多少 几 可以 能 能不能 可不可以 会 要 想 有 没有 没 不 请问 ' +
    '一下 一个 个 吗？ 啥 咋 呗 哦 嗯 给 把 被 让 对 从 到 去 来 上 下 里 中'
  ).split(' ')
);
