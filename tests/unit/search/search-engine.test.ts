import {expect} from '@open-wc/testing';
import {buildContentPack} from '../../../src/build/build-content-pack.js';
import {ArticleTable} from '../../../src/content/article-table.js';
import {buildHits} from '../../../src/search/build-hits.js';
import {decodeCompactIndex, encodeCompactIndex} from '../../../src/search/compact-index.js';
import type {MiniSearchJson} from '../../../src/search/compact-index.js';
import {termTreeOf} from '../../../src/search/compact-mini-search.js';
import {SearchEngine} from '../../../src/search/search-engine.js';
import type {SearchRequest} from '../../../src/search/search-engine.js';
import {SEARCH_INDEX_VERSION} from '../../../src/search/search-options.js';
import {makeSnippet, snippetToHtml} from '../../../src/search/snippet.js';
import {article} from '../content/fixtures.js';

/** An engine over `ms`'s index, through the pack's compact form. */
function engineOver(ms: {toJSON(): unknown}): SearchEngine {
  const json = ms.toJSON() as MiniSearchJson;
  const bytes = encodeCompactIndex(json, SEARCH_INDEX_VERSION, termTreeOf(json.index.map(([term]) => term)));
  return new SearchEngine(decodeCompactIndex(bytes, SEARCH_INDEX_VERSION));
}

/** The engine plus the articles, searched the way the widget does (rank, then hits with snippets). */
interface Searcher {
  search(query: string, request?: SearchRequest): ReturnType<typeof buildHits>;
  suggest(query: string): string[];
}

/** An engine over a pack built from `sources`, searched the way the widget does. */
async function engineOf(sources: ReturnType<typeof article>[]): Promise<Searcher> {
  const build = await buildContentPack(sources, {builtAt: '2026-11-01T00:00:00.000Z', today: '2026-11-22'});
  const files = new Map(build.files!.map((f) => [f.path, f.source]));
  const m = build.manifest!;
  const articles = ArticleTable.read(files.get(m.files.articles.path) as Uint8Array);
  const e = new SearchEngine(
    decodeCompactIndex(files.get(m.files.searchIndex.path) as Uint8Array, SEARCH_INDEX_VERSION)
  );
  return {
    search: (query, request) => buildHits(e.rank(query, request), articles, query, '2026-11-22'),
    suggest: (query) => e.suggest(query),
  };
}

function engine(): Promise<Searcher> {
  return engineOf([
    article(
      'articles/billing/refunds.md',
      {title: 'Refunds and bill credits', aliases: '[money back, reimbursement]', tags: '[refund]'},
      'Agents can credit up to $50 per bill period.'
    ),
    article(
      'articles/billing/late-fees.md',
      {title: 'Late payment fees'},
      'A late fee of $10 applies after the due date. Refunds of late fees need a team leader.'
    ),
    article(
      'articles/roaming/zones.md',
      {title: 'Roaming zones and rates', category: 'roaming'},
      'Roaming charges depend on the zone.'
    ),
    article(
      'articles/zh/billing/refunds.md',
      {title: '多扣费用的退款规则', lang: 'zh-CN', aliases: '[退钱, 扣错钱]'},
      '坐席可直接退款 100 元以内的话费。'
    ),
    article(
      'articles/zh/roaming/roaming.md',
      {title: '国际漫游资费', lang: 'zh-CN', category: 'roaming'},
      '出境前需开通国际漫游功能。'
    ),
  ]);
}

const ids = (hits: {id: string}[]) => hits.map((h) => h.id);

describe('SearchEngine', () => {
  it('should rank the title match first', async () => {
    expect(ids((await engine()).search('refund'))[0]).to.equal('billing/refunds');
  });
  it('should find a word while it is still being typed (prefix on the last term)', async () => {
    expect(ids((await engine()).search('refu'))[0]).to.equal('billing/refunds');
    expect(ids((await engine()).search('roam'))[0]).to.equal('roaming/zones');
  });
  it('should tolerate typos scaled to word length', async () => {
    expect(ids((await engine()).search('refnud'))[0]).to.equal('billing/refunds');
    expect(ids((await engine()).search('rooming'))[0]).to.equal('roaming/zones');
  });
  it('should allow no typo up to 3 letters, 1 edit up to 5 and 2 from 6', async () => {
    // One article per word, each word its own stem and far (3+ edits) from every other indexed word, so a
    // query finds its article only through the edits the rule allows (and no other article by accident).
    const e = await engineOf([
      article('articles/devices/sim.md', {title: 'SIM'}, 'Order a new card.'),
      article('articles/devices/port.md', {title: 'Port'}, 'Keep your number.'),
      article('articles/devices/modem.md', {title: 'Modem'}, 'Lights on the box.'),
      article('articles/devices/router.md', {title: 'Router'}, 'Restart the box.'),
    ]);
    const found = (query: string) => ids(e.search(query));
    // Every word is found as written.
    expect(found('sim'), 'sim').to.deep.equal(['devices/sim']);
    expect(found('port'), 'port').to.deep.equal(['devices/port']);
    expect(found('modem'), 'modem').to.deep.equal(['devices/modem']);
    expect(found('router'), 'router').to.deep.equal(['devices/router']);
    // Up to 3 letters: none. (No indexed word starts with these, so prefix matching cannot find them either.)
    expect(found('sin'), 'sin (1 edit, 3 letters)').to.deep.equal([]);
    expect(found('sam'), 'sam (1 edit, 3 letters)').to.deep.equal([]);
    // 4 and 5 letters: 1 edit, not 2.
    expect(found('pord'), 'pord (1 edit, 4 letters)').to.deep.equal(['devices/port']);
    expect(found('bord'), 'bord (2 edits, 4 letters)').to.deep.equal([]);
    expect(found('modam'), 'modam (1 edit, 5 letters)').to.deep.equal(['devices/modem']);
    expect(found('mudam'), 'mudam (2 edits, 5 letters)').to.deep.equal([]);
    // 6 letters and more: 2 edits, not 3.
    expect(found('rauter'), 'rauter (1 edit, 6 letters)').to.deep.equal(['devices/router']);
    expect(found('ruoter'), 'ruoter (2 edits, 6 letters)').to.deep.equal(['devices/router']);
    expect(found('ruotar'), 'ruotar (3 edits, 6 letters)').to.deep.equal([]);
  });
  it('should treat the editors\u2019 aliases as synonyms', async () => {
    expect(ids((await engine()).search('reimbursement'))[0]).to.equal('billing/refunds');
    expect(ids((await engine()).search('退钱'))[0]).to.equal('zh/billing/refunds');
  });
  it('should find Chinese by words and by substrings', async () => {
    expect(ids((await engine()).search('退款'))[0]).to.equal('zh/billing/refunds');
    expect(ids((await engine()).search('漫游'))[0]).to.equal('zh/roaming/roaming');
  });
  it('should prefer the agent\u2019s language but keep the other findable', async () => {
    // The same query over an English and a Chinese article that match it equally (the same words, in
    // titles of the same length): a Latin query (ranked by MiniSearch) and an all-Chinese one (the
    // exact fast path) each.
    const e = await engineOf([
      article('articles/devices/esim.md', {title: 'eSIM setup', category: 'devices'}, 'Scan the code.'),
      article(
        'articles/zh/devices/esim.md',
        {title: 'eSIM 设置', lang: 'zh-CN', category: 'devices'},
        '扫描二维码。'
      ),
      article('articles/billing/alipay.md', {title: 'Alipay 支付宝'}, 'Scan the code.'),
      article('articles/zh/billing/alipay.md', {title: '支付宝 付款', lang: 'zh-CN'}, '扫描二维码。'),
    ]);
    for (const [query, en, zh] of [
      ['esim', 'devices/esim', 'zh/devices/esim'],
      ['支付宝', 'billing/alipay', 'zh/billing/alipay'],
    ] as const) {
      const score = (hits: {id: string; score: number}[], id: string) => hits.find((h) => h.id === id)!.score;
      // Without a preference they tie: the preference alone decides the order below.
      const neutral = e.search(query);
      expect(ids(neutral).slice(0, 2), query).to.have.members([en, zh]);
      expect(score(neutral, en), query).to.equal(score(neutral, zh));

      const forEn = e.search(query, {preferLang: 'en'});
      expect(ids(forEn).slice(0, 2), `${query}, preferring en`).to.deep.equal([en, zh]);
      expect(score(forEn, en) / score(forEn, zh), `${query}, preferring en`).to.be.closeTo(1.5, 0.01);

      const forZh = e.search(query, {preferLang: 'zh-CN'});
      expect(ids(forZh).slice(0, 2), `${query}, preferring zh-CN`).to.deep.equal([zh, en]);
      expect(score(forZh, zh) / score(forZh, en), `${query}, preferring zh-CN`).to.be.closeTo(1.5, 0.01);
    }
    // On the sample-like pack too: the other language's article is still found, below the agent's own.
    const zhFirst = ids((await engine()).search('refund 退款', {preferLang: 'zh-CN'}));
    expect(zhFirst[0]).to.equal('zh/billing/refunds');
    expect(zhFirst).to.include('billing/refunds');
    const enFirst = ids((await engine()).search('refund 退款', {preferLang: 'en'}));
    expect(enFirst[0]).to.equal('billing/refunds');
    expect(enFirst).to.include('zh/billing/refunds');
  });
  it('should filter by category and language', async () => {
    const e = await engine();
    expect(ids(e.search('roaming refund', {filters: {category: 'roaming'}}))).to.deep.equal([
      'roaming/zones',
    ]);
    expect(ids(e.search('漫游 roaming', {filters: {lang: 'zh-CN'}}))).to.deep.equal(['zh/roaming/roaming']);
  });
  it('should return nothing for an empty query and suggest for a miss', async () => {
    const e = await engine();
    expect(e.search('   ')).to.deep.equal([]);
    expect(e.search('zzzz')).to.deep.equal([]);
    expect(e.suggest('refunx').length).to.be.greaterThan(0);
  });
  it('should respect the limit', async () => {
    expect((await engine()).search('fee refund roaming', {limit: 2})).to.have.length(2);
  });
});

describe('makeSnippet', () => {
  it('should highlight whole words matched by stem or prefix', () => {
    const parts = makeSnippet('Refunds of late fees need a team leader.', 'refund fee');
    expect(parts.filter((p) => p.hit).map((p) => p.text)).to.deep.equal(['Refunds', 'fees']);
  });
  it('should escape everything when rendered as HTML', () => {
    const html = snippetToHtml(makeSnippet('<img src=x onerror=alert(1)> refund & "more"', 'refund'));
    expect(html).to.equal('&lt;img src=x onerror=alert(1)&gt; <mark>refund</mark> &amp; &quot;more&quot;');
  });
  it('should centre a long text on the first match', () => {
    const text = `${'filler '.repeat(60)}the refund rule ${'tail '.repeat(60)}`;
    const parts = makeSnippet(text, 'refund');
    expect(parts[0]!.text).to.equal('…');
    expect(parts.some((p) => p.hit && p.text === 'refund')).to.equal(true);
    expect(parts.at(-1)!.text).to.equal('…');
  });
  it('should highlight Chinese substrings', () => {
    const parts = makeSnippet('坐席可直接退款 100 元以内的话费。', '退款');
    expect(parts.filter((p) => p.hit).map((p) => p.text)).to.deep.equal(['退款']);
  });
});

describe('SearchEngine ranking into typed arrays', () => {
  it('should rank Chinese queries, Latin letters typed into them too, exactly as MiniSearch does', async () => {
    const {default: MiniSearch} = await import('minisearch');
    const {searchOptions, queryOptions} = await import('../../../src/search/search-options.js');
    const docs = [
      '花呗怎么还款',
      '借呗还款日期',
      '花呗分期手续费是多少',
      '怎么关闭花呗',
      '信用卡还花呗可以吗',
      '蚂蚁借呗提前还款',
      '花呗额度怎么提升',
      '借呗额度为什么降低',
      '花呗 app 怎么还款',
      '支付宝 app 可以冲 q币 吗',
      'apple pay 绑定花呗',
    ].map((text, i) => ({
      id: `d${i}`,
      title: '',
      aliases: '',
      tags: '',
      summary: '',
      body: text,
      category: 'general',
      lang: 'zh-CN',
    }));
    const ms = new MiniSearch(searchOptions);
    ms.addAll(docs);
    const engine = engineOver(ms);
    // (As typed: a Latin term last is a prefix, and from 4 letters a typo away counts too.)
    const queries = ['花呗还款', '借呗额度', '花呗分期', '提前还款借呗', '关闭', '花呗 花呗 还款'];
    queries.push('花呗a', '花呗ap', '花呗 app', '冲q', '支付宝可以冲q', 'appel 花呗', 'aple pay', '花呗 pa');
    for (const q of queries) {
      const expected = ms.search(q, queryOptions()).slice(0, 5);
      expect(engine.rank(q, {limit: 5}), q).to.deep.equal(
        expected.map((r) => ({id: String(r.id), score: Math.round(r.score * 1000) / 1000, terms: r.terms}))
      );
    }
    expect(engine.rank('花呗ap', {limit: 5}).map((h) => h.id)).to.include('d8');
  });
});
