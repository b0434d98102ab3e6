import {expect} from '@open-wc/testing';
import {ArticleTable} from '../../../src/content/article-table.js';
import type {PackArticle} from '../../../src/content/pack-types.js';
import type {TaxonomyEntry} from '../../../src/content/types.js';
import {sortByTaxonomy} from '../../../src/content/taxonomy-label.js';
import {browseOrder} from '../../../src/search/browse-order.js';
import type {BrowseFilter, BrowseOrder} from '../../../src/search/browse-order.js';

/** The order by definition: every visible row sorted (language, category, title; stably), then grouped. */
function reference(articles: ArticleTable, filter: BrowseFilter, limit: number): BrowseOrder {
  const {lang, category, allLangs} = filter;
  const collator = new Intl.Collator(lang);
  const categoryOf = (row: number) => articles.field('category', row);
  const langOf = (row: number) => articles.field('lang', row);
  const visible: number[] = [];
  for (let row = 0; row < articles.size; row++)
    if ((!category || categoryOf(row) === category) && (allLangs || langOf(row) === lang)) visible.push(row);
  const rank = new Map(sortByTaxonomy(filter.categories, visible.map(categoryOf)).map((c, i) => [c, i]));
  visible.sort(
    (a, b) =>
      Number(langOf(b) === lang) - Number(langOf(a) === lang) ||
      rank.get(categoryOf(a))! - rank.get(categoryOf(b))! ||
      collator.compare(articles.field('title', a), articles.field('title', b))
  );
  const groups = new Map<string, {ids: string[]; total: number}>();
  for (const row of visible) {
    const key = langOf(row) === lang ? categoryOf(row) : `lang:${langOf(row)}`;
    const group = groups.get(key) ?? groups.set(key, {ids: [], total: 0}).get(key)!;
    if (group.ids.length < limit) group.ids.push(articles.id(row));
    group.total++;
  }
  return [...groups].map(([key, g]) => [key, g.ids, g.total]);
}

/** A deterministic pseudo-random sequence (the same articles on every run). */
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

const WORDS = [
  '花呗',
  '借呗',
  '还款',
  'refund',
  'Card',
  'card',
  'éclair',
  'Zebra',
  '退款',
  'apple',
  '额度',
  '10',
  '9',
];

function articles(n: number, seed: number): PackArticle[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  return Array.from({length: n}, (_, i) => ({
    id: `a${String(i).padStart(5, '0')}`,
    // Few words, so that many titles are equal and the order of equal titles is tested too.
    title: Array.from({length: 1 + Math.floor(next() * 3)}, () => pick(WORDS)).join(' '),
    category: pick(['billing', 'cards', 'fraud', 'loans']),
    tags: [],
    aliases: [],
    // (A third language, which packs do not have yet: groups of two other languages must order too.)
    lang: pick(['en', 'en', 'zh-CN', 'fr']) as PackArticle['lang'],
    owner: 'team',
    updated: '2026-01-01',
    reviewBy: '2027-01-01',
    summary: '',
    html: '',
    links: [],
  }));
}

const TAXONOMY: TaxonomyEntry[] = [
  {id: 'loans', labels: {en: 'Loans'}},
  {id: 'cards', labels: {en: 'Cards'}},
];

describe('browseOrder', () => {
  it('should give the first ids of each group in the order of a full sort, for every filter and limit', () => {
    let checked = 0;
    for (const seed of [1, 7, 42]) {
      const table = ArticleTable.of(articles(seed === 42 ? 1500 : 300, seed));
      for (const lang of ['en', 'zh-CN']) {
        for (const allLangs of [false, true]) {
          for (const category of [null, 'cards']) {
            for (const categories of [undefined, TAXONOMY]) {
              const filter: BrowseFilter = {lang, allLangs, category, ...(categories && {categories})};
              for (const limit of [0, 1, 3, 12, 200, Infinity]) {
                expect(
                  browseOrder(table, filter, limit),
                  JSON.stringify({seed, filter, limit})
                ).to.deep.equal(reference(table, filter, limit));
                checked++;
              }
            }
          }
        }
      }
    }
    expect(checked).to.equal(288);
  });

  it('should count every article of a group, not only those it lists', () => {
    const table = ArticleTable.of(articles(500, 3));
    const order = browseOrder(table, {lang: 'en', allLangs: true, category: null}, 5);
    expect(order.every(([, ids]) => ids.length === 5)).to.equal(true);
    expect(order.reduce((sum, [, , total]) => sum + total, 0)).to.equal(500);
    expect(order.slice(0, 4).map(([key]) => key)).to.deep.equal(['billing', 'cards', 'fraud', 'loans']);
    expect(
      order
        .slice(4)
        .map(([key]) => key)
        .sort()
    ).to.deep.equal(['lang:fr', 'lang:zh-CN']);
  });
});
