import {expect} from '@open-wc/testing';
import {encodeArticleColumns, readArticleColumnsHeader} from '../../../src/content/article-columns.js';
import type {ArticleColumnsHeader} from '../../../src/content/article-columns.js';
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

const errorOf = (bytes: Uint8Array): string => {
  try {
    ArticleTable.read(bytes);
  } catch (err) {
    expect(err).to.be.instanceOf(ArticleTableError);
    return (err as Error).message;
  }
  throw new Error('expected the file to be refused');
};

/** The header as a test edits it. */
type Header = Omit<ArticleColumnsHeader, 'columns'> & {
  columns: Record<string, {at: number; values?: unknown[]; [key: string]: unknown}>;
};

/** `bytes` with its header changed by `edit` (the columns after it kept as they are). */
function withHeader(bytes: Uint8Array, edit: (header: Header) => void): Uint8Array {
  const read = readArticleColumnsHeader(bytes);
  if (typeof read === 'string') throw new Error(read);
  edit(read.header as unknown as Header);
  const json = new TextEncoder().encode(JSON.stringify(read.header));
  const start = (12 + json.length + 3) & ~3;
  const out = new Uint8Array(start + bytes.length - read.dataStart);
  out.set(bytes.subarray(0, 12));
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, 12);
  out.set(bytes.subarray(read.dataStart), start);
  return out;
}

/** `bytes` with the column data at `at` (from the start of the columns) changed by `edit`. */
function withData(bytes: Uint8Array, edit: (data: DataView, header: Header) => void): Uint8Array {
  const out = bytes.slice();
  const read = readArticleColumnsHeader(out);
  if (typeof read === 'string') throw new Error(read);
  edit(new DataView(out.buffer, read.dataStart), read.header as unknown as Header);
  return out;
}

describe('ArticleTable', () => {
  it('should read back exactly the articles the file was written from', () => {
    const list = articles(200);
    const table = ArticleTable.read(encodeArticleColumns(list));
    expect(table.size).to.equal(200);
    expect(table.articles()).to.deep.equal(list);
    const {html: _html, ...page} = list[9]!;
    expect(table.page(9)).to.deep.equal(page);
    expect(table.html(4)).to.equal(list[4]!.html);
    expect(table.field('summary', 4)).to.equal('A summary');
    // Any text survives: Chinese, emoji, markup.
    const odd = [packArticle('x', {title: '退款 🙂 <b>&amp;</b>', html: ''})];
    expect(ArticleTable.read(encodeArticleColumns(odd)).articles()).to.deep.equal(odd);
    expect(ArticleTable.read(encodeArticleColumns([])).size).to.equal(0);
  });

  it('should write a repetitive field once per distinct value, and texts as bytes', () => {
    const file = encodeArticleColumns(articles(200));
    const read = readArticleColumnsHeader(file);
    if (typeof read === 'string') throw new Error(read);
    const columns = read.header.columns as unknown as Header['columns'];
    expect(columns.category!.values).to.deep.equal(['cards', 'billing']);
    expect(columns.tags!.values).to.deep.equal([['fees', 'refund'], []]);
    expect(columns.title).to.include({text: true});
    expect(columns.html).to.include({text: true});
    expect(read.header.ids).to.have.length(200);
    // Smaller than the list of objects it replaces.
    expect(file.length).to.be.below(JSON.stringify(articles(200)).length * 0.5);
  });

  it('should find a row by id, sorted or not, and refuse duplicate ids', () => {
    const list = articles(50);
    const sorted = ArticleTable.read(encodeArticleColumns(list));
    const shuffled = ArticleTable.read(encodeArticleColumns([...list].reverse()));
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
    const table = ArticleTable.read(encodeArticleColumns(articles(40)));
    expect(table.field('tags', 0)).to.equal(table.field('tags', 5));
    expect(() => (table.field('tags', 0) as string[]).push('x')).to.throw(TypeError);
    expect(table.field('tags', 10)).to.deep.equal(['fees', 'refund']);
  });

  it('should read the JSON list older packs wrote, defaulting the optional fields', () => {
    const legacy = [{id: 'x', title: 'X', category: 'c', lang: 'en', html: '<p>x</p>', reviewBy: ''}];
    const table = ArticleTable.read(new TextEncoder().encode(JSON.stringify(legacy)));
    expect(table.article(0)).to.deep.equal({
      ...legacy[0],
      tags: [],
      aliases: [],
      owner: '',
      updated: '',
      summary: '',
      links: [],
    });
    const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
    expect(errorOf(json([{id: 'a', title: 'A', category: 'c', lang: 'en', html: ''}]))).to.equal(
      'entry 0 has no "reviewBy"'
    );
    expect(errorOf(json([7]))).to.equal('entry 0 is not an object');
    expect(errorOf(new TextEncoder().encode('[{"id":'))).to.equal('is not valid JSON');
  });

  it('should refuse a file it cannot read, saying what and where', () => {
    const good = encodeArticleColumns(articles(40));
    expect(errorOf(new TextEncoder().encode('nope, not a pack file'))).to.equal('is not an articles file');
    const layout = good.slice();
    new DataView(layout.buffer).setUint32(4, 9, true);
    expect(errorOf(layout)).to.equal(
      'has articles layout 9 (expected 1); rebuild the pack with this version of agent-assist'
    );
    expect(errorOf(good.slice(0, 40))).to.equal('is truncated (its header runs past the end)');
    expect(errorOf(good.slice(0, good.length - 10))).to.match(/runs past the end of the file/);
    const longer = new Uint8Array(good.length + 4);
    longer.set(good);
    expect(errorOf(longer)).to.equal('has 4 bytes after its last column');
    expect(errorOf(withHeader(good, (h) => (h.count = -1)))).to.match(/no valid "count"/);
    expect(errorOf(withHeader(good, (h) => h.ids.pop()))).to.equal('lists 39 ids for 40 articles');
    expect(errorOf(withHeader(good, (h) => ((h.ids as unknown[])[3] = 7)))).to.equal(
      'entry 3: "id" is not a string (7)'
    );
    expect(errorOf(withHeader(good, (h) => delete h.columns.title))).to.equal('has no "title" column');
    expect(errorOf(withHeader(good, (h) => ((h.columns.category!.values as unknown[])[0] = 42)))).to.equal(
      'value 0 of "category" is not a string (42)'
    );
    expect(errorOf(withHeader(good, (h) => ((h.columns.tags!.values as unknown[])[0] = ['ok', 3])))).to.match(
      /^value 0 of "tags" is not a list of strings/
    );
    expect(errorOf(withHeader(good, (h) => (h.columns.lang!.at += 2)))).to.equal(
      'column "lang" is not where a column can be'
    );
    expect(
      errorOf(withData(good, (data, h) => data.setUint16(h.columns.category!.at + 12 * 2, 2, true)))
    ).to.equal('entry 12: "category" index 2 is not one of its 2 values');
    expect(
      errorOf(withData(good, (data, h) => data.setUint32(h.columns.title!.at + 8 * 4, 0, true)))
    ).to.equal('column "title" has offsets that do not add up at entry 7');
  });

  it('should default a missing optional column', () => {
    const table = ArticleTable.read(
      withHeader(encodeArticleColumns(articles(3)), (h) => {
        delete h.columns.owner;
        delete h.columns.aliases;
      })
    );
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
