/** The content's own taxonomy: categories.yaml and queues.yaml, checked, packed and labelled. */
import {expect} from '@open-wc/testing';
import {buildContentPack} from '../../../src/build/build-content-pack.js';
import {formatDiagnostic, parseContent} from '../../../src/content/parse-content.js';
import {labelFromId, sortByTaxonomy, taxonomyLabel} from '../../../src/content/taxonomy-label.js';
import type {SourceFile} from '../../../src/content/types.js';
import {article, checklist, CLOSING_CHECKLIST, LINEAR, script} from './fixtures.js';

const TODAY = '2026-11-22';
const OPTIONS = {builtAt: '2026-11-01T00:00:00.000Z', today: TODAY};

const check = (files: SourceFile[]) =>
  parseContent(files, {today: TODAY}).diagnostics.map((d) => formatDiagnostic(d));

const CATEGORIES = `# Banking
- id: cards
  en: Cards
  zh-CN: 银行卡
- id: loans
  en: Personal loans
  zh-CN: 个人贷款
`;

/** A bank's content: categories the product has never seen. */
const bank = (categories: string | null = CATEGORIES): SourceFile[] => [
  ...(categories === null ? [] : [{path: 'categories.yaml', text: categories}]),
  article('articles/cards/lost-card.md', {category: 'cards', title: 'Lost card'}),
  article('articles/loans/early-repayment.md', {category: 'loans', title: 'Early repayment'}),
  script('scripts/cards.md', LINEAR, 'title: Cards\nlang: en\nqueues: [cards]\nchecklists: [closing]'),
  checklist('checklists/closing.md', CLOSING_CHECKLIST),
];

describe('parseContent (taxonomy)', () => {
  it('should accept any category slug when the content declares none', () => {
    const content = parseContent(bank(null), {today: TODAY});
    expect(content.diagnostics).to.deep.equal([]);
    expect(content.taxonomy).to.deep.equal({categories: [], queues: []});
    expect(content.articles.map((a) => a.category)).to.deep.equal(['cards', 'loans']);
  });

  it('should read the declared categories in order with both labels', () => {
    const content = parseContent(bank(), {today: TODAY});
    expect(content.diagnostics).to.deep.equal([]);
    expect(content.taxonomy.categories).to.deep.equal([
      {id: 'cards', labels: {en: 'Cards', 'zh-CN': '银行卡'}},
      {id: 'loans', labels: {en: 'Personal loans', 'zh-CN': '个人贷款'}},
    ]);
  });

  it('should report a category the content does not declare, at the value', () => {
    const files = [...bank(), article('articles/x.md', {category: 'mortgages'})];
    expect(check(files)).to.deep.equal([
      'articles/x.md:3:11 error: category "mortgages" is not declared in categories.yaml; declared: "cards", "loans" (add it there, or fix the spelling)',
    ]);
  });

  it('should report a queue that queues.yaml does not declare, at the value', () => {
    const files = [...bank(), {path: 'queues.yaml', text: '- id: lending\n  en: Lending\n  zh-CN: 贷款\n'}];
    expect(check(files)).to.deep.equal([
      'scripts/cards.md:4:10 error: queue "cards" is not declared in queues.yaml; declared: "lending" (add it there, or fix the spelling)',
    ]);
  });

  it('should report mistakes in categories.yaml at their line', () => {
    const text = `- id: cards
  en: Cards
- id: cards
  en: Cards again
- id: Loans
  en: Loans
- id: savings
  label: Savings
- id: fraud
- just a word
`;
    expect(check(bank(text))).to.deep.equal([
      'articles/loans/early-repayment.md:3:11 error: category "loans" is not declared in categories.yaml; declared: "cards", "savings", "fraud" (add it there, or fix the spelling)',
      'categories.yaml:3:7 error: duplicate category "cards" (also line 1)',
      'categories.yaml:5:7 error: category id "Loans" may only use lower-case letters, digits, "-" and "_"',
      'categories.yaml:7:7 error: category "savings" has no label: add "en:" and "zh-CN:" lines',
      'categories.yaml:8:3 error: unknown key "label"; a category has "id", "en" and "zh-CN"',
      'categories.yaml:9:7 error: category "fraud" has no label: add "en:" and "zh-CN:" lines',
      'categories.yaml:10:3 error: each category is "id:", "en:" and "zh-CN:" lines, e.g.\n- id: my-category\n  en: English label\n  zh-CN: 中文名称',
    ]);
  });

  it('should report a taxonomy file that is not a list, and broken YAML at its line', () => {
    expect(check(bank('cards: Cards\n'))[0]).to.match(
      /^categories\.yaml:1:1 error: categories\.yaml must be a list/
    );
    expect(check(bank('- id: cards\n  en: [Cards\n'))[0]).to.match(/^categories\.yaml:\d+:\d+ error: /);
  });
});

describe('parseContent (an unreadable file among many)', () => {
  it('should name only the broken file, not the links and references to it from other files', () => {
    const files = [
      article('articles/a.md', {}, 'See [b](b.md) and [b again](article:b).'),
      {path: 'articles/b.md', text: '---\ntitle: B\ntags: [x, y\ncategory: cards\n---\nBody'},
      article('articles/c.md', {}, 'Also [b](b.md).'),
      script('scripts/s.md', LINEAR.replace('> How can I help?', '> How can I help?\n\nArticles: b')),
      checklist('checklists/closing.md', CLOSING_CHECKLIST),
    ];
    const out = check(files);
    expect(out).to.have.length(1);
    expect(out[0]).to.match(/^articles\/b\.md:[34]:\d+ error: front matter: /);
  });
});

describe('buildContentPack (taxonomy)', () => {
  it('should pack content whose categories the product has never seen, with their labels', async () => {
    const {manifest, files} = await buildContentPack(bank(), OPTIONS);
    expect(files).to.not.equal(null);
    expect(manifest!.taxonomy).to.deep.equal({
      categories: [
        {id: 'cards', labels: {en: 'Cards', 'zh-CN': '银行卡'}},
        {id: 'loans', labels: {en: 'Personal loans', 'zh-CN': '个人贷款'}},
      ],
      queues: [],
    });
  });

  it('should change the content hash when only a label changes', async () => {
    const a = await buildContentPack(bank(), OPTIONS);
    const b = await buildContentPack(bank(CATEGORIES.replace('银行卡', '借记卡')), OPTIONS);
    expect(b.manifest!.contentHash).to.not.equal(a.manifest!.contentHash);
  });
});

describe('taxonomyLabel', () => {
  const declared = [
    {id: 'cards', labels: {en: 'Cards', 'zh-CN': '银行卡'}},
    {id: 'loans', labels: {en: 'Personal loans'}},
  ];
  it('should give the declared label in the language asked for', () => {
    expect(taxonomyLabel(declared, 'cards', 'zh-CN')).to.equal('银行卡');
    expect(taxonomyLabel(declared, 'cards', 'en')).to.equal('Cards');
  });
  it('should fall back to the other language, then to a label made from the id', () => {
    expect(taxonomyLabel(declared, 'loans', 'zh-CN')).to.equal('Personal loans');
    expect(taxonomyLabel(declared, 'home-insurance', 'en')).to.equal('Home insurance');
    expect(taxonomyLabel(undefined, 'credit_cards', 'zh-CN')).to.equal('Credit cards');
    expect(labelFromId('faq')).to.equal('Faq');
  });
});

describe('sortByTaxonomy', () => {
  it('should put declared ids in the declared order first, then the others alphabetically', () => {
    const declared = [
      {id: 'loans', labels: {}},
      {id: 'cards', labels: {}},
    ];
    expect(sortByTaxonomy(declared, ['zebra', 'cards', 'apple', 'loans', 'cards'])).to.deep.equal([
      'loans',
      'cards',
      'apple',
      'zebra',
    ]);
    expect(sortByTaxonomy(undefined, ['b', 'a'])).to.deep.equal(['a', 'b']);
  });
});
