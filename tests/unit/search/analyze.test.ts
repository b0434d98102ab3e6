import {expect} from '@open-wc/testing';
import {analyze, fold, processQueryTerm, tokenize} from '../../../src/search/analyze.js';
import {fuzzyFor} from '../../../src/search/search-options.js';

describe('fold', () => {
  it('should fold width, case and diacritics', () => {
    expect(fold('Ｒｅｆｕｎｄ')).to.equal('refund');
    expect(fold('Réfund ÉTÉ')).to.equal('refund ete');
    expect(fold('话费１００元')).to.equal('话费100元');
  });
});

describe('tokenize', () => {
  it('should split Chinese into words and add character pairs for longer runs', () => {
    const tokens = tokenize('话费余额查询');
    expect(tokens).to.include.members(['话费', '余额', '查询']);
    // Pairs across the segmenter's word boundaries make substrings findable.
    expect(tokens).to.include('费余');
  });
  it('should split English on spaces and punctuation', () => {
    expect(tokenize("Can't log-in, refund?")).to.deep.equal(["can't", 'log', 'in', 'refund']);
  });
});

describe('analyze', () => {
  it('should stem English and drop stop words', () => {
    expect(analyze('The refunds for the overcharged bills')).to.deep.equal(['refund', 'overcharg', 'bill']);
  });
  it('should drop Chinese function words but keep content words', () => {
    const terms = analyze('我的话费怎么退款');
    expect(terms).to.include.members(['话费', '退款']);
    expect(terms).to.not.include('我');
    expect(terms).to.not.include('怎么');
  });
});

describe('processQueryTerm', () => {
  it('should look up a half-typed word both stemmed and as typed', () => {
    expect(processQueryTerm('billing')).to.deep.equal(['bill', 'billing']);
    expect(processQueryTerm('refund')).to.equal('refund');
    expect(processQueryTerm('the')).to.equal(null);
  });
});

describe('fuzzyFor', () => {
  it('should scale typo tolerance with length and never apply it to Chinese', () => {
    // The band edges: 3 letters none, 4 and 5 one edit, 6 and more two.
    expect([
      fuzzyFor('sim'),
      fuzzyFor('bill'),
      fuzzyFor('modem'),
      fuzzyFor('refnud'),
      fuzzyFor('reimbursement'),
      fuzzyFor('退款'),
      fuzzyFor('国际漫游资费'),
      fuzzyFor('4g5g'),
    ]).to.deep.equal([0, 1, 1, 2, 2, 0, 0, 0]);
  });
});
