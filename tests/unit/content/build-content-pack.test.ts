import {expect} from '@open-wc/testing';
import {buildContentPack} from '../../../src/build/build-content-pack.js';
import {articlesOf} from '../../support/pack-articles.js';
import {article, checklist, CLOSING_CHECKLIST, LINEAR, script} from './fixtures.js';

const OPTIONS = {builtAt: '2026-11-01T00:00:00.000Z', today: '2026-11-22'};

const files = () => [
  article(
    'articles/billing/refunds.md',
    {title: 'Refunds', aliases: '[money back]'},
    'See [fees](fees.md) and [x](https://example.com).'
  ),
  article(
    'articles/billing/fees.md',
    {title: 'Fees'},
    'Back to [refunds](article:billing/refunds). <script>alert(1)</script>'
  ),
  script('scripts/billing.md', LINEAR),
  checklist('checklists/closing.md', CLOSING_CHECKLIST),
];

describe('buildContentPack', () => {
  it('should give the same bytes for the same content, whatever the file order', async () => {
    const a = await buildContentPack(files(), OPTIONS);
    const b = await buildContentPack([...files()].reverse(), OPTIONS);
    expect(a.files).to.not.equal(null);
    expect(b.files).to.deep.equal(a.files);
    expect(a.manifest!.contentHash).to.match(/^[0-9a-f]{64}$/);
  });

  it('should change the content hash when the content changes', async () => {
    const a = await buildContentPack(files(), OPTIONS);
    const changed = files();
    changed[1] = article('articles/billing/fees.md', {title: 'Fees and charges'});
    const b = await buildContentPack(changed, OPTIONS);
    expect(b.manifest!.contentHash).to.not.equal(a.manifest!.contentHash);
  });

  it('should name content-hashed files in the manifest', async () => {
    const {manifest, files: out} = await buildContentPack(files(), OPTIONS);
    expect(manifest!.formatVersion).to.equal(3);
    expect(manifest!.counts).to.deep.equal({articles: 2, scripts: 1, checklists: 1});
    expect(manifest!.builtAt).to.equal(OPTIONS.builtAt);
    for (const [key, ref] of Object.entries(manifest!.files)) {
      // The search index and the articles are binary (compact-index.ts, article-columns.ts); the rest JSON.
      const extension = key === 'searchIndex' || key === 'articles' ? 'bin' : 'json';
      expect(ref.path).to.match(new RegExp(`\\.${ref.sha256.slice(0, 12)}\\.${extension}$`));
      expect(out!.some((f) => f.path === ref.path)).to.equal(true);
    }
  });

  it('should write nothing when the content has errors', async () => {
    const broken = [...files(), article('articles/bad.md', {lang: 'nope'})];
    const build = await buildContentPack(broken, OPTIONS);
    expect(build.files).to.equal(null);
    expect(build.manifest).to.equal(null);
    expect(build.diagnostics.some((d) => d.severity === 'error')).to.equal(true);
  });

  it('should render article links for the widget, external links safely, and raw HTML as text', async () => {
    const {files: out, manifest} = await buildContentPack(files(), OPTIONS);
    const articles = articlesOf(
      out!.find((f) => f.path === manifest!.files.articles.path)!.source as Uint8Array
    );
    const refunds = articles.find((a) => a.id === 'billing/refunds')!;
    expect(refunds.html).to.contain('<a href="#" data-aa-article="billing/fees">fees</a>');
    expect(refunds.html).to.contain(
      '<a href="https://example.com" target="_blank" rel="noopener noreferrer">x</a>'
    );
    expect(refunds.links).to.deep.equal(['billing/fees']);
    const fees = articles.find((a) => a.id === 'billing/fees')!;
    expect(fees.html).to.contain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(fees.html).not.to.contain('<script>');
  });

  it('should give each script a version that changes only with that script', async () => {
    const read = async (f: ReturnType<typeof files>) => {
      const b = await buildContentPack(f, OPTIONS);
      return JSON.parse(b.files!.find((x) => x.path === b.manifest!.files.scripts.path)!.source as string)[0]
        .version;
    };
    const v1 = await read(files());
    const otherArticle = files();
    otherArticle[1] = article('articles/billing/fees.md', {title: 'Fees and charges'});
    expect(await read(otherArticle)).to.equal(v1);
    const otherScript = files();
    otherScript[2] = script('scripts/billing.md', LINEAR.replace('Goodbye.', 'Bye now.'));
    expect(await read(otherScript)).to.not.equal(v1);
  });
});
