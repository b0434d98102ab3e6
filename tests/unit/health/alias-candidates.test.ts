/** Alias candidates (query words an opened article does not match) and search sessions, pure. */
import {expect} from '@open-wc/testing';
import {aliasCandidates} from '../../../src/health/alias-candidates.js';
import {SearchSessionTracker} from '../../../src/health/search-session.js';
import {analyze} from '../../../src/search/analyze.js';

const terms = (text: string) => new Set(analyze(text));

describe('aliasCandidates', () => {
  const refunds = terms('Refunding an overcharged bill. Refunds go on the bill as a credit.');

  it('should keep a run of unmatched words as one phrase, skipping stop words and matched words', () => {
    expect(aliasCandidates('Money  back for the refund', refunds)).to.deep.equal([
      {key: 'monei back', text: 'money back'},
    ]);
    // Stemmed like the index: "refunds", "refunding" match "refund".
    expect(aliasCandidates('refunding credits', refunds)).to.deep.equal([]);
  });

  it('should split a run longer than three words into single words', () => {
    expect(aliasCandidates('want cash returned quickly', refunds).map((c) => c.text)).to.deep.equal([
      'want',
      'cash',
      'returned',
      'quickly',
    ]);
  });

  it('should read Chinese by character pairs, as the index does', () => {
    const article = terms('话费余额不足时，停机前会发送提醒。');
    expect(aliasCandidates('欠费停机', article)).to.deep.equal([{key: '欠费', text: '欠费'}]);
    expect(aliasCandidates('话费停机', article)).to.deep.equal([]);
  });
});

describe('SearchSessionTracker', () => {
  it('should keep settled queries only, and end with the article opened or none', () => {
    const t = new SearchSessionTracker();
    t.searched('mon', 3);
    t.searched('money back', 0);
    t.searched('refund', 2);
    t.searched('refu', 4);
    expect(t.end('billing/refunds')).to.deep.equal({
      queries: [
        {query: 'money back', resultCount: 0},
        {query: 'refu', resultCount: 4},
      ],
      articleId: 'billing/refunds',
    });
    expect(t.end(null)).to.equal(null);
    t.searched('  ', 0);
    expect(t.end(null)).to.equal(null);
  });
});
