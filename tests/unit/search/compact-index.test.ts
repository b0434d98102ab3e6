import {expect} from '@open-wc/testing';
import MiniSearch from 'minisearch';
import {
  COMPACT_LAYOUT,
  CompactIndexError,
  decodeCompactIndex,
  encodeCompactIndex,
} from '../../../src/search/compact-index.js';
import type {MiniSearchJson} from '../../../src/search/compact-index.js';
import {termTreeOf} from '../../../src/search/compact-mini-search.js';
import {PREFERRED_LANG_BOOST, SearchEngine} from '../../../src/search/search-engine.js';
import {queryOptions, searchOptions, SEARCH_INDEX_VERSION} from '../../../src/search/search-options.js';
import type {SearchDocument} from '../../../src/search/search-options.js';

/** A seeded random generator (the same documents and queries on every run). */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'refund refunds refunded billing bill invoice payment payments pay card credit debit account accounts ' +
  'password reset login locked unlock roaming data plan upgrade downgrade cancel cancellation contract ' +
  'fee fees late charge charges dispute address change phone number sim esim port transfer balance ' +
  'statement tax vat discount loyalty points voucher delivery shipping return returns warranty repair'
).split(' ');

/** Documents in two languages and three categories, with repeated words and empty fields. */
function documents(count: number): SearchDocument[] {
  const next = random(42);
  const words = (n: number) =>
    Array.from({length: n}, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
  return Array.from({length: count}, (_, i) => ({
    id: `doc-${i}`,
    title: words(2 + Math.floor(next() * 4)),
    aliases: i % 4 ? '' : words(2),
    tags: i % 3 ? '' : words(1),
    summary: i % 2 ? words(6) : '',
    body: words(10 + Math.floor(next() * 60)),
    category: ['billing', 'accounts', 'network'][i % 3]!,
    lang: i % 5 ? 'en' : 'fr',
  }));
}

/** Queries as agents type them: whole words, prefixes, typos, several words, nothing found. */
function queries(): string[] {
  const next = random(7);
  const out = ['', '   ', 'zzzz', 'refnud', 'pasword rest', 'acount lockd', 're', 'ro', 'late fee', 'vat'];
  // A term typed twice counts twice in the score and once in the quality factor, wherever it is.
  out.push('refund refund', 'fee late fee', 'pay card pay', 'pay pay pa', 'refund refnud');
  for (let i = 0; i < 60; i++) {
    const word = WORDS[Math.floor(next() * WORDS.length)]!;
    out.push(word, word.slice(0, 2 + Math.floor(next() * (word.length - 1))));
    const typo = Math.floor(next() * word.length);
    out.push(word.slice(0, typo) + word.slice(typo + 1));
    out.push(`${word} ${WORDS[Math.floor(next() * WORDS.length)]}`);
  }
  return out;
}

/** The pack's index as the build writes it. */
function encoded(ms: MiniSearch<SearchDocument>): Uint8Array {
  const json = ms.toJSON() as unknown as MiniSearchJson;
  return encodeCompactIndex(json, SEARCH_INDEX_VERSION, termTreeOf(json.index.map(([term]) => term)));
}

describe('compact search index', () => {
  const docs = documents(400);
  const built = new MiniSearch<SearchDocument>(searchOptions);
  built.addAll(docs);
  const bytes = encoded(built);

  it('should rank every query exactly as MiniSearch loaded from the same index does', () => {
    // The widget used MiniSearch.loadJS before: same ids, scores and matched terms, in the same order.
    const loaded = MiniSearch.loadJS(JSON.parse(JSON.stringify(built)), searchOptions);
    const engine = new SearchEngine(decodeCompactIndex(bytes, SEARCH_INDEX_VERSION));
    let compared = 0;
    for (const q of queries()) {
      for (const [prefer, category] of [
        [undefined, undefined],
        ['fr', undefined],
        [undefined, 'billing'],
      ] as const) {
        const actual = engine.rank(q, {
          limit: 10,
          preferLang: prefer,
          filters: category ? {category} : undefined,
        });
        const expected = loaded
          .search(
            q,
            queryOptions({
              boostDocument: prefer
                ? (_id, _term, stored) => (stored?.lang === prefer ? PREFERRED_LANG_BOOST : 1)
                : undefined,
              filter: category ? (r) => r.category === category : undefined,
            })
          )
          .slice(0, 10)
          .map((r) => ({id: String(r.id), score: Math.round(r.score * 1000) / 1000, terms: r.terms}));
        expect(actual, `${q} ${prefer ?? ''} ${category ?? ''}`).to.deep.equal(expected);
        compared += expected.length;
      }
    }
    // (The queries do find things: an empty comparison would prove nothing.)
    expect(compared).to.be.greaterThan(3000);
  });

  it('should suggest what MiniSearch suggests', () => {
    const loaded = MiniSearch.loadJS(JSON.parse(JSON.stringify(built)), searchOptions);
    const engine = new SearchEngine(decodeCompactIndex(bytes, SEARCH_INDEX_VERSION));
    for (const q of ['refnud', 'pasword', 'roamng dat', 'zzzz']) {
      const expected = loaded
        .autoSuggest(
          q,
          queryOptions({fuzzy: (term) => Math.max(1, Math.min(3, Math.floor(term.length / 3)))})
        )
        .slice(0, 5)
        .map((s) => s.suggestion);
      expect(engine.suggest(q), q).to.deep.equal(expected);
    }
  });

  it('should be a fraction of the JSON index’s size and hold what it held', () => {
    const json = JSON.stringify({version: SEARCH_INDEX_VERSION, index: built});
    expect(bytes.length).to.be.lessThan(json.length / 2);
    const index = decodeCompactIndex(bytes, SEARCH_INDEX_VERSION);
    expect(index.documentCount).to.equal(400);
    expect(index.documentIds[7]).to.equal('doc-7');
    expect(index.storedCombos.length).to.equal(6);
  });

  it('should refuse another layout, another index version and truncated or inconsistent files', () => {
    const refusal = (b: Uint8Array, version = SEARCH_INDEX_VERSION) => {
      try {
        decodeCompactIndex(b, version);
      } catch (err) {
        expect(err).to.be.instanceOf(CompactIndexError);
        return (err as Error).message;
      }
      return 'read';
    };
    const changed = (at: number, value: number) => {
      const copy = bytes.slice();
      new DataView(copy.buffer).setUint32(at, value, true);
      return copy;
    };
    expect(refusal(new TextEncoder().encode('{"version":3,"index":{}}'))).to.equal(
      "is not a compact search index (an older pack's JSON index?); rebuild the pack with this version of agent-assist"
    );
    expect(refusal(changed(4, 99))).to.equal(
      `has index layout 99 (expected ${COMPACT_LAYOUT}); rebuild the pack with this version of agent-assist`
    );
    expect(refusal(bytes, SEARCH_INDEX_VERSION + 1)).to.equal(
      `has search index version ${SEARCH_INDEX_VERSION} (expected ${SEARCH_INDEX_VERSION + 1}); rebuild the pack with this version of agent-assist`
    );
    expect(refusal(bytes.subarray(0, bytes.length - 1000))).to.equal('is truncated');
    expect(refusal(changed(8, bytes.length))).to.equal('is truncated (header)');
    const withExtra = new Uint8Array(bytes.length + 1);
    withExtra.set(bytes);
    expect(refusal(withExtra)).to.equal('has bytes after its end');
    // A posting that points past the last document.
    const json = built.toJSON() as unknown as MiniSearchJson;
    json.index[0]![1]['4'] = {...json.index[0]![1]['4'], 5000: 1};
    const tree = termTreeOf(json.index.map(([term]) => term));
    expect(refusal(encodeCompactIndex(json, SEARCH_INDEX_VERSION, tree))).to.equal(
      'has a posting for no document'
    );
    // A copy at an odd offset is read as well.
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(decodeCompactIndex(shifted.subarray(1), SEARCH_INDEX_VERSION).documentCount).to.equal(400);
  });
});
