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

/** `bytes` (layout 2) as layout 1 wrote it: the ids in the header (their column left unread in front). */
function asLayout1(bytes: Uint8Array): Uint8Array {
  const ids = ArticleTable.read(bytes).ids();
  const out = withHeader(bytes, (h) => {
    h.ids = [...ids];
    delete h.columns.id;
  });
  new DataView(out.buffer).setUint32(4, 1, true);
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
    // The ids are a text column too: the header stays small however many articles there are.
    expect(columns.id).to.include({text: true});
    expect(read.header.ids).to.equal(undefined);
    expect(read.dataStart).to.be.below(1000);
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

  it('should find ids of any script, read in place or listed, in the order a build sorts them', () => {
    // Sorted as the build sorts (by UTF-16 code unit): 'Z' < 'a' < 'é' < '退款' < '🙂'.
    const ids = ['Z-1', 'a-1', 'a-10', 'a-2', 'é', '退款/卡', '退款/卡/2', '🙂'];
    const list = ids.map((id) => packArticle(id));
    const read = ArticleTable.read(encodeArticleColumns(list));
    const listed = ArticleTable.of(list);
    for (const table of [read, listed, ArticleTable.read(asLayout1(encodeArticleColumns(list)))]) {
      ids.forEach((id, row) => expect(table.rowOf(id), id).to.equal(row));
      for (const missing of ['', 'a', 'a-3', '退', '退款/卡/1', '🙂🙂', 'zzz'])
        expect(table.rowOf(missing), missing).to.equal(-1);
      expect(table.ids()).to.deep.equal(ids);
    }
    // The page's file of the same articles finds them the same way.
    const page = ArticleTable.read(read.file(PAGE_FIELDS), PAGE_FIELDS);
    ids.forEach((id, row) => expect(page.rowOf(id)).to.equal(row));
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
      'has articles layout 9 (expected 1 or 2); rebuild the pack with this version of agent-assist'
    );
    expect(errorOf(good.slice(0, 40))).to.equal('is truncated (its header runs past the end)');
    expect(errorOf(good.slice(0, good.length - 10))).to.match(/runs past the end of the file/);
    const longer = new Uint8Array(good.length + 4);
    longer.set(good);
    expect(errorOf(longer)).to.equal('has 4 bytes after its last column');
    expect(errorOf(withHeader(good, (h) => (h.count = -1)))).to.match(/no valid "count"/);
    expect(errorOf(withHeader(good, (h) => delete h.columns.id))).to.equal('has no "id" column of text');
    expect(errorOf(withData(good, (data, h) => data.setUint32(h.columns.id!.at + 5 * 4, 0, true)))).to.equal(
      'column "id" has offsets that do not add up at entry 4'
    );
    // Layout 1 (pack format 2) listed the ids in the header.
    const layout1 = asLayout1(good);
    expect(ArticleTable.read(layout1).articles()).to.deep.equal(ArticleTable.read(good).articles());
    expect(errorOf(withHeader(layout1, (h) => h.ids!.pop()))).to.equal('lists 39 ids for 40 articles');
    expect(errorOf(withHeader(layout1, (h) => ((h.ids as unknown[])[3] = 7)))).to.equal(
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

  it('should keep each repeated value of a list of objects once', () => {
    const list = articles(60);
    // Each row with its own strings and lists, as a parsed JSON list has them.
    const table = ArticleTable.of(list.map((a) => structuredClone(a)));
    expect(table.size).to.equal(60);
    expect(table.page(10)).to.deep.equal((({html: _h, ...rest}) => rest)(list[10]!));
    expect(table.field('tags', 1), 'one [] for every article without tags').to.equal(table.field('tags', 2));
    expect(table.distinct('category')).to.deep.equal(['cards', 'billing']);
    expect(table.get('a00010')).to.equal(table.get('a00010'));
    expect(table.get('a00010')!.tags).to.deep.equal(['fees', 'refund']);
    expect(table.get('nope')).to.equal(undefined);
  });

  it('should write the page its articles without the bodies, from a columns file or a list', () => {
    const list = articles(300);
    const pageOf = ({html: _html, ...rest}: PackArticle) => rest;
    for (const table of [ArticleTable.read(encodeArticleColumns(list)), ArticleTable.of(list)]) {
      const file = table.file(PAGE_FIELDS);
      const read = readArticleColumnsHeader(file);
      if (typeof read === 'string') throw new Error(read);
      expect(Object.keys(read.header.columns)).not.to.include('html');
      const page = ArticleTable.read(file, PAGE_FIELDS);
      expect(page.size).to.equal(300);
      expect(page.html(0), 'the page holds no bodies').to.equal(null);
      expect(Array.from({length: page.size}, (_, row) => page.page(row))).to.deep.equal(list.map(pageOf));
      expect(page.get('a00010')).to.equal(page.get('a00010'));
      // A page file is not a pack's, nor the other way round; a page table has no bodies to write.
      expect(() => ArticleTable.read(file)).to.throw(ArticleTableError, 'has no "html" column');
      expect(() => page.file(['id', 'html'])).to.throw(ArticleTableError, 'holds no "html" column');
    }
    expect(() => ArticleTable.read(encodeArticleColumns(list), PAGE_FIELDS)).to.throw(
      ArticleTableError,
      'has a column "html" that is not expected here'
    );
    // The texts of a file are copied as they are, not decoded and encoded again: the same bytes.
    const full = ArticleTable.read(encodeArticleColumns(list));
    expect(ArticleTable.read(full.file(PAGE_FIELDS), PAGE_FIELDS).file(PAGE_FIELDS)).to.deep.equal(
      full.file(PAGE_FIELDS)
    );
    expect(ArticleTable.read(full.file([...PAGE_FIELDS, 'html'])).articles()).to.deep.equal(list);
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
