import {expect} from '@open-wc/testing';
import {encodeArticleColumns} from '../../../src/content/article-columns.js';
import {
  ArticleTable,
  ArticleTableBuilder,
  ArticleTableError,
  PAGE_FIELDS,
} from '../../../src/content/article-table.js';
import type {PackArticle} from '../../../src/content/pack-types.js';

function packArticle(id: string, overrides: Partial<PackArticle> = {}): PackArticle {
  return {
    id,
    title: `Title of ${id}`,
    category: 'billing',
    tags: [],
    aliases: [],
    lang: 'en',
    owner: 'team',
    updated: '2026-01-01',
    reviewBy: '2027-01-01',
    summary: '',
    html: `<p>Body of ${id}</p>\n`,
    links: [],
    ...overrides,
  };
}

/** `n` articles, sorted by id as a pack build writes them, with a few that differ from the rest. */
function articles(n: number): PackArticle[] {
  return Array.from({length: n}, (_, i) =>
    packArticle(`a${String(i).padStart(5, '0')}`, {
      category: i % 7 === 0 ? 'cards' : 'billing',
      tags: i % 5 === 0 ? ['fees', 'refund'] : [],
      lang: i % 3 === 0 ? 'zh-CN' : 'en',
      summary: i === 4 ? 'A summary' : '',
      links: i === 9 ? ['a00001'] : [],
    })
  );
}

const errorOf = (value: unknown): string => {
  try {
    ArticleTable.read(value);
  } catch (err) {
    expect(err).to.be.instanceOf(ArticleTableError);
    return (err as Error).message;
  }
  throw new Error('expected the file to be refused');
};

describe('ArticleTable', () => {
  it('should read back exactly the articles the columns were written from', () => {
    const list = articles(200);
    const file = encodeArticleColumns(list);
    const table = ArticleTable.read(JSON.parse(JSON.stringify(file)));
    expect(table.size).to.equal(200);
    expect(table.articles()).to.deep.equal(list);
    const {html: _html, ...page} = list[9]!;
    expect(table.page(9)).to.deep.equal(page);
    expect(table.html(4)).to.equal(list[4]!.html);
    expect(table.field('summary', 4)).to.equal('A summary');
  });

  it('should write a repetitive column once per distinct value, and unique ones as plain lists', () => {
    const file = encodeArticleColumns(articles(200));
    expect(file.columns.category).to.deep.include({values: ['cards', 'billing']});
    expect(file.columns.tags).to.deep.include({values: [['fees', 'refund'], []]});
    expect(file.columns.id).to.be.an('array').with.length(200);
    expect(file.columns.html).to.be.an('array');
    // Smaller than the list of objects it replaces.
    expect(JSON.stringify(file).length).to.be.below(JSON.stringify(articles(200)).length * 0.6);
  });

  it('should find a row by id, sorted or not, and refuse duplicate ids', () => {
    const list = articles(50);
    const sorted = ArticleTable.of(list);
    const shuffled = ArticleTable.of([...list].reverse());
    for (const [i, a] of list.entries()) {
      expect(sorted.rowOf(a.id)).to.equal(i);
      expect(shuffled.id(shuffled.rowOf(a.id))).to.equal(a.id);
    }
    expect(sorted.rowOf('zzz')).to.equal(-1);
    expect(sorted.rowOf('')).to.equal(-1);
    expect(shuffled.rowOf('a')).to.equal(-1);
    expect(errorOf(encodeArticleColumns([...list, list[3]!]))).to.equal('duplicate id "a00003"');
  });

  it('should share a repeated list between rows, frozen so that no row can change another', () => {
    const table = ArticleTable.read(JSON.parse(JSON.stringify(encodeArticleColumns(articles(40)))));
    expect(table.field('tags', 0)).to.equal(table.field('tags', 5));
    expect(() => (table.field('tags', 0) as string[]).push('x')).to.throw(TypeError);
    expect(table.field('tags', 10)).to.deep.equal(['fees', 'refund']);
  });

  it('should read the list of objects older packs wrote, defaulting the optional fields', () => {
    const legacy = [{id: 'x', title: 'X', category: 'c', lang: 'en', html: '<p>x</p>', reviewBy: ''}];
    const table = ArticleTable.read(legacy);
    expect(table.article(0)).to.deep.equal({
      ...legacy[0],
      tags: [],
      aliases: [],
      owner: '',
      updated: '',
      summary: '',
      links: [],
    });
  });

  it('should refuse a file it cannot read, saying what and where', () => {
    // A column as a test breaks it: a plain list, or {values, index}.
    type Loose = {count: number; columns: Record<string, unknown[] & {values: unknown[]; index: unknown[]}>};
    const good = () => JSON.parse(JSON.stringify(encodeArticleColumns(articles(40)))) as Loose;
    expect(errorOf({layout: 'article-columns-9', count: 0, columns: {}})).to.match(
      /expected layout "article-columns-1", got "article-columns-9"\); rebuild the pack/
    );
    expect(errorOf('nope')).to.match(/is not an articles file/);
    expect(errorOf({...good(), count: -1})).to.match(/no valid "count"/);
    const noTitle = good();
    delete noTitle.columns['title'];
    expect(errorOf(noTitle)).to.equal('has no "title" column');
    const short = good();
    short.columns.html.pop();
    expect(errorOf(short)).to.equal('column "html" has 39 values, expected 40');
    const notString = good();
    notString.columns.title[7] = 42;
    expect(errorOf(notString)).to.equal('entry 7: "title" is not a string (42)');
    const badList = good();
    badList.columns.tags.values[0] = ['ok', 3];
    expect(errorOf(badList)).to.match(/^value 0 of "tags" is not a list of strings/);
    const badIndex = good();
    badIndex.columns.category.index[12] = 2;
    expect(errorOf(badIndex)).to.equal('entry 12: "category" index 2 is not one of its 2 values');
    const fewIndexes = good();
    fewIndexes.columns.lang.index.length = 3;
    expect(errorOf(fewIndexes)).to.equal('column "lang" has 3 indexes, expected 40');
    expect(errorOf([{id: 'a', title: 'A', category: 'c', lang: 'en', html: ''}])).to.equal(
      'entry 0 has no "reviewBy"'
    );
    expect(errorOf([7])).to.equal('entry 0 is not an object');
  });

  it('should default a missing optional column', () => {
    const file = JSON.parse(JSON.stringify(encodeArticleColumns(articles(3))));
    delete file.columns.owner;
    delete file.columns.aliases;
    const table = ArticleTable.read(file);
    expect(table.field('owner', 2)).to.equal('');
    expect(table.field('aliases', 1)).to.deep.equal([]);
  });

  it('should build the page’s table slice by slice, keeping each repeated value once', () => {
    const list = articles(60);
    const builder = new ArticleTableBuilder(PAGE_FIELDS);
    // As the worker sends them: structured copies, each row with its own strings and lists.
    for (const {html: _html, ...page} of list) builder.add(structuredClone(page));
    const table = builder.build();
    expect(table.size).to.equal(60);
    expect(table.html(0), 'the page holds no bodies').to.equal(null);
    expect(table.page(10)).to.deep.equal((({html: _h, ...rest}) => rest)(list[10]!));
    expect(table.field('tags', 1), 'one [] for every article without tags').to.equal(table.field('tags', 2));
    expect(table.distinct('category')).to.deep.equal(['cards', 'billing']);
    expect(table.get('a00010')).to.equal(table.get('a00010'));
    expect(table.get('a00010')!.tags).to.deep.equal(['fees', 'refund']);
    expect(table.get('nope')).to.equal(undefined);
  });

  it('should check every article the builder is given, repeated values included', () => {
    const builder = new ArticleTableBuilder(PAGE_FIELDS);
    builder.add({...packArticle('a'), category: 'x'});
    expect(() => builder.add({...packArticle('b'), category: ['x']})).to.throw(
      ArticleTableError,
      'entry 1: "category" is not a string'
    );
    const lists = new ArticleTableBuilder(PAGE_FIELDS);
    lists.add({...packArticle('a'), tags: ['1']});
    expect(() => lists.add({...packArticle('b'), tags: '["1"]'})).to.throw(
      ArticleTableError,
      'entry 1: "tags" is not a list of strings'
    );
  });
});
