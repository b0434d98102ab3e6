/**
 * The UI's two languages (README, Languages): both string tables have the same keys and shapes, every
 * Chinese value is a translation (not the English left in place, not English words), every placeholder
 * survives translation, and numbers, days and language names go through `Intl` for the language.
 */
import {expect} from '@open-wc/testing';
import {callErrorText} from '../../../src/components/agent-assist/render-panels.js';
import {uiFormats} from '../../../src/i18n/format.js';
import {uiStrings} from '../../../src/i18n/strings.js';

type Leaf = {path: string; value: unknown};

/** Every leaf of a table (strings and functions), by path: `keys.0.1`, `phases.opening`. */
function leaves(value: unknown, path = ''): Leaf[] {
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }
  return [{path, value}];
}

/**
 * Distinctive arguments for a string function: numbers that Intl groups (`7,001`), as Number objects, so
 * that a parameter typed as text shows them too (`7001`).
 */
const args = (fn: (...a: never[]) => string) =>
  Array.from({length: fn.length}, (_, i) => new Number(7001 + i * 1000)) as never[];

/** Where the same text is right in both languages: key names and codes, not words. */
const SAME_IN_BOTH = /^keys\.\d+\.0$/;
/** Latin words a Chinese string may keep: names of formats, protocols and the widget's own settings. */
const LATIN_ALLOWED = new Set([
  'JSON',
  'CSV',
  'VPN',
  'IT',
  'README',
  'Trusted',
  'Types',
  'pack',
  'url',
  'agent',
  'assist',
]);

const en = leaves(uiStrings('en'));
const zh = leaves(uiStrings('zh-CN'));

/** A leaf's text: the value, or what the function gives for {@link args}. */
const text = (leaf: Leaf) =>
  typeof leaf.value === 'function'
    ? (leaf.value as (...a: never[]) => string)(...args(leaf.value as (...a: never[]) => string))
    : String(leaf.value);

describe('uiStrings', () => {
  it('should have the same keys, list lengths and function arities in English and Chinese', () => {
    expect(zh.map((l) => l.path)).to.deep.equal(en.map((l) => l.path));
    for (const [i, leaf] of en.entries()) {
      expect(typeof zh[i]!.value, leaf.path).to.equal(typeof leaf.value);
      if (typeof leaf.value === 'function')
        expect((zh[i]!.value as () => string).length, leaf.path).to.equal(
          (leaf.value as () => string).length
        );
    }
  });

  it('should translate every value: no Chinese text equal to the English, none without Chinese', () => {
    for (const [i, leaf] of en.entries()) {
      if (SAME_IN_BOTH.test(leaf.path)) continue;
      const zhText = text(zh[i]!);
      expect(zhText, leaf.path).to.not.equal(text(leaf));
      expect(zhText, leaf.path).to.match(/[\u4e00-\u9fff]/);
    }
  });

  it('should keep no English words in Chinese text but names of formats and settings', () => {
    for (const leaf of zh) {
      if (SAME_IN_BOTH.test(leaf.path)) continue;
      const words = (text(leaf).match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !LATIN_ALLOWED.has(w));
      expect(words, leaf.path).to.deep.equal([]);
    }
  });

  it('should keep every placeholder in both languages, numbers through Intl', () => {
    for (const table of [en, zh]) {
      for (const leaf of table) {
        if (typeof leaf.value !== 'function') continue;
        const fn = leaf.value as (...a: never[]) => string;
        const out = fn(...args(fn));
        for (const arg of args(fn) as number[]) {
          const shown = [String(arg), new Intl.NumberFormat('en').format(arg)];
          expect(
            shown.some((a) => out.includes(a)),
            `${leaf.path} shows ${arg}: ${out}`
          ).to.equal(true);
        }
      }
    }
    expect(uiStrings('en').syncPending(12345)).to.equal('12,345 to upload');
    expect(uiStrings('zh-CN').dueIn(1800)).to.equal('1,800 秒后到期');
  });
});

describe('uiFormats', () => {
  it('should write days, seconds and language names in the UI language', () => {
    expect(uiFormats('en').day('2026-06-30')).to.equal('Jun 30, 2026');
    expect(uiFormats('zh-CN').day('2026-06-30')).to.equal('2026年6月30日');
    expect(uiFormats('en').day('soon')).to.equal('soon');
    expect(uiFormats('en').seconds(12.25)).to.equal('12.3');
    expect(uiFormats('zh-CN').seconds(4)).to.equal('4.0');
    expect(uiFormats('en').language('zh-CN')).to.equal('Simplified Chinese');
    expect(uiFormats('zh-CN').language('en')).to.equal('英语');
    expect(uiFormats('en').language('not a tag')).to.equal('not a tag');
    expect(uiFormats('en').language('fr')).to.equal('French');
    // The content languages are named by the strings, as Intl names them.
    for (const ui of ['en', 'zh-CN'] as const)
      for (const [code, name] of Object.entries(uiStrings(ui).contentLanguages))
        expect(name, `${code} in ${ui}`).to.equal(
          new Intl.DisplayNames([ui], {type: 'language'}).of(code === 'zh-CN' ? 'zh-Hans' : code)
        );
  });
});

describe('callErrorText', () => {
  it("should say why a step or tick was not saved in the UI language, the browser's own detail kept", () => {
    const zh = uiStrings('zh-CN');
    expect(callErrorText(zh, {action: 'item', code: 'storage-full', detail: 'quota'})).to.equal(
      zh.itemNotSaved(zh.storageErrors['storage-full']!)
    );
    expect(
      callErrorText(zh, {action: 'step', code: 'storage-failed', detail: 'UnknownError: boom'})
    ).to.equal('步骤未保存，因此未标记为完成：浏览器数据库出错：UnknownError: boom');
    expect(callErrorText(zh, {action: 'log', code: 'log-lost', detail: 'gone'})).to.equal(
      zh.storageErrors['log-lost']
    );
    expect(callErrorText(uiStrings('en'), {action: 'item', code: null, detail: 'read-only'})).to.equal(
      'The checklist item was not saved, so it is not ticked: read-only'
    );
    expect(callErrorText(zh, null)).to.equal(null);
  });
});
