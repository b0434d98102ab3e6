/**
 * The element loading content packs over real HTTP: the built default pack (dist/kb, made by npm run
 * build from content/), and broken packs written to the test server, which must be refused whole while
 * the previous pack stays in use.
 */
import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {buildContentPack} from '../../src/build/build-content-pack.js';
import type {AgentAssist} from '../../src/components/agent-assist/agent-assist.js';
import type {PackManifest} from '../../src/content/pack-types.js';
import {sha256Hex} from '../../src/internal/sha256.js';
import {defineElements} from '../../widget/define-elements.js';
import {bytesOf, serveFiles, textOf} from '../support/served-files.js';
import {articlesFile, articlesOf} from '../support/pack-articles.js';
import type {ServedFile} from '../support/served-files.js';
import {article} from '../unit/content/fixtures.js';
import {articleView, browseTitles, panel, settle, shell} from './harness.js';

defineElements();

const DIST_PACK = '/dist/kb/manifest.json';

type PackFile = ServedFile;

/** Serves `files` from a fresh folder; returns the manifest's URL. */
async function serve(files: PackFile[]): Promise<string> {
  return new URL(`${await serveFiles(files)}manifest.json`, location.href).href;
}

/** A small valid pack built in the page from fixture markdown. */
async function smallPack(title = 'Refunds', body = 'Refunds up to $50.'): Promise<PackFile[]> {
  const build = await buildContentPack([article('articles/billing/refunds.md', {title}, body)], {
    builtAt: '2026-11-01T00:00:00.000Z',
    today: '2026-11-22',
  });
  return build.files!;
}

/** Replaces one named file's text and, unless `keepManifest`, re-signs the manifest so it stays valid. */
async function withFile(
  files: PackFile[],
  key: keyof PackManifest['files'],
  source: string | Uint8Array,
  keepManifest = false
) {
  const manifestFile = files.find((f) => f.path === 'manifest.json')!;
  const manifest = JSON.parse(textOf(manifestFile)) as PackManifest;
  const ref = manifest.files[key];
  const out = files.map((f) => (f.path === ref.path ? {...f, source} : f));
  if (keepManifest) return out;
  const bytes = typeof source === 'string' ? new TextEncoder().encode(source) : source;
  manifest.files[key] = {...ref, sha256: await sha256Hex(bytes), bytes: bytes.length};
  return out.map((f) => (f.path === 'manifest.json' ? {...f, source: JSON.stringify(manifest)} : f));
}

const articleButtons = browseTitles;

describe('<agent-assist> content packs', () => {
  it('should load the built sample pack and fire aa-content-update', async () => {
    const el = document.createElement('agent-assist');
    el.setAttribute('pack-url', DIST_PACK);
    el.setAttribute('lang', 'en');
    const update = oneEvent(el, 'aa-content-update');
    document.body.append(el);
    try {
      const {detail} = await update;
      const manifest = (await (await fetch(DIST_PACK)).json()) as PackManifest;
      expect(detail.contentHash).to.equal(manifest.contentHash);
      expect(manifest.counts.articles).to.be.at.least(60);
      expect(manifest.counts.scripts).to.be.at.least(5);
      expect(manifest.counts.checklists).to.be.at.least(3);
      await settle(el);
      const articles = articlesOf(
        await (
          await fetch(new URL(manifest.files.articles.path, new URL(DIST_PACK, location.href)))
        ).arrayBuffer()
      );
      const refunds = articles.find((a) => a.id === 'billing/refunds')!;
      expect(articleButtons(el).some((t) => t.startsWith(refunds.title))).to.equal(true);
      // English first for an English agent; the Chinese articles are listed after.
      const langs = [...panel(el).shadowRoot!.querySelectorAll('.article-link')].map((b) =>
        b.getAttribute('lang')
      );
      expect(langs.indexOf('zh-CN')).to.be.greaterThan(langs.lastIndexOf('en'));
    } finally {
      el.remove();
    }
  });

  it('should read an unchanged pack’s articles once, for its saved copy and the network alike', async () => {
    const url = await serve(await smallPack());
    const mount = async () => {
      const el = document.createElement('agent-assist');
      el.setAttribute('pack-url', url);
      const update = oneEvent(el, 'aa-content-update');
      document.body.append(el);
      await update;
      return el;
    };
    // The first load keeps the pack; the second finds it saved and fetches the manifest again.
    (await mount()).remove();
    const asked: string[] = [];
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: never[]) {
      const type = (message as {type?: unknown} | null)?.type;
      if (typeof type === 'string') asked.push(type);
      return (post as (...args: unknown[]) => void).call(this, message, ...rest);
    };
    let el: HTMLElement | null = null;
    try {
      el = await mount();
      await (el as AgentAssist).search('refund');
    } finally {
      Worker.prototype.postMessage = post;
      el?.remove();
    }
    // (Both the saved copy and the network's manifest name the same articles file.)
    expect(asked.filter((t) => t === 'articles')).to.deep.equal(['articles']);
  });

  it('should open an article by id, sanitized, and follow links between articles', async () => {
    const el = await fixture<AgentAssist>(
      html`<agent-assist lang="en" pack-url=${DIST_PACK}></agent-assist>`
    );
    const opened: string[] = [];
    el.addEventListener('aa-article-open', (e) => opened.push(`${e.detail.articleId}:${e.detail.from}`));
    await el.openArticle('billing/refunds');
    await settle(el);
    const view = articleView(el)!;
    const body = view.shadowRoot!.querySelector('.body')!;
    expect(view.shadowRoot!.querySelector('h2')!.textContent).to.not.equal('');
    expect(body.textContent!.length).to.be.greaterThan(100);
    const internal = body.querySelector<HTMLAnchorElement>('a[data-aa-article]')!;
    expect(internal.getAttribute('href')).to.equal('#');
    const target = internal.getAttribute('data-aa-article')!;
    internal.click();
    await settle(el);
    expect(opened).to.deep.equal(['billing/refunds:api', `${target}:api`]);
  });

  it('should reject openArticle with an id that is not in the pack, naming what was expected', async () => {
    const el = await fixture<AgentAssist>(html`<agent-assist pack-url=${DIST_PACK}></agent-assist>`);
    let error: Error | undefined;
    await el.openArticle('billing/nope').catch((e: Error) => (error = e));
    expect(error?.message).to.equal(
      'agent-assist: openArticle() expected the id of an article in the loaded pack; "billing/nope" is not one'
    );
  });

  it('should mark articles overdue for review', async () => {
    const el = await fixture<AgentAssist>(
      html`<agent-assist lang="en" pack-url=${DIST_PACK}></agent-assist>`
    );
    await el.openArticle('roaming/roaming-zones-and-rates');
    await settle(el);
    const view = articleView(el)!;
    expect(view.shadowRoot!.querySelector('.stale')!.textContent).to.contain(
      // The day through Intl for the UI language (2026-06-30).
      'was due for review on Jun 30, 2026'
    );
    expect(panel(el).shadowRoot!.querySelectorAll('.article-link').length).to.equal(0);
  });

  for (const [name, breakIt, expected] of [
    [
      'a wrong format version',
      async (f: PackFile[]) =>
        f.map((x) =>
          x.path === 'manifest.json'
            ? {...x, source: textOf(x).replace('"formatVersion": 3', '"formatVersion": 99')}
            : x
        ),
      'content pack: format version 99 is not supported (expected 1, 2 or 3); rebuild the pack with this version of agent-assist',
    ],
    [
      'a manifest that is not JSON',
      async (f: PackFile[]) =>
        f.map((x) => (x.path === 'manifest.json' ? {...x, source: '{"formatVersion": 1,'} : x)),
      'is not valid JSON',
    ],
    [
      'a truncated file',
      async (f: PackFile[]) => {
        const m = JSON.parse(textOf(f.find((x) => x.path === 'manifest.json'))) as PackManifest;
        const bytes = bytesOf(f.find((x) => x.path === m.files.articles.path));
        return withFile(f, 'articles', bytes.slice(0, bytes.length / 2), true);
      },
      'is truncated or corrupt',
    ],
    [
      'a file whose hash does not match',
      async (f: PackFile[]) => {
        const m = JSON.parse(textOf(f.find((x) => x.path === 'manifest.json'))) as PackManifest;
        const bytes = bytesOf(f.find((x) => x.path === m.files.articles.path)).slice();
        bytes[bytes.length - 1] ^= 1;
        return withFile(f, 'articles', bytes, true);
      },
      'SHA-256 does not match the manifest',
    ],
    [
      'articles with duplicate ids',
      async (f: PackFile[]) => {
        const m = JSON.parse(textOf(f.find((x) => x.path === 'manifest.json'))) as PackManifest;
        const list = articlesOf(bytesOf(f.find((x) => x.path === m.files.articles.path)));
        return withFile(f, 'articles', articlesFile([...list, ...list]));
      },
      'duplicate id "billing/refunds"',
    ],
    [
      'a missing file',
      async (f: PackFile[]) => {
        const m = JSON.parse(textOf(f.find((x) => x.path === 'manifest.json'))) as PackManifest;
        return f.filter((x) => x.path !== m.files.scripts.path);
      },
      '(HTTP 404)',
    ],
  ] as const) {
    it(`should refuse ${name} with aa-error and keep the previous pack`, async () => {
      const goodUrl = await serve(await smallPack('Refunds (current)'));
      const el = await fixture<AgentAssist>(html`<agent-assist lang="en"></agent-assist>`);
      const loaded = oneEvent(el, 'aa-content-update');
      el.setAttribute('pack-url', goodUrl);
      await loaded;
      const badUrl = await serve(await breakIt(await smallPack('Refunds (broken)')));
      const failed = oneEvent(el, 'aa-error');
      el.setAttribute('pack-url', badUrl);
      const {detail} = await failed;
      expect(detail.message).to.contain(expected);
      expect(detail.code).to.match(/^pack-(invalid|unavailable)$/);
      await settle(el);
      expect(articleButtons(el)).to.deep.equal(['Refunds (current)']);
      expect(shell(el).querySelector('[role=alert]')!.textContent).to.contain('Showing the previous version');
    });
  }

  it('should name a search index file it cannot read, and still open the pack’s articles', async () => {
    for (const [name, breakIt, expected] of [
      [
        'another layout',
        (bytes: Uint8Array) => {
          const copy = bytes.slice();
          new DataView(copy.buffer).setUint32(4, 99, true);
          return copy;
        },
        /^content pack: search-index\.\w+\.bin has index layout 99 \(expected \d+\); rebuild the pack with this version of agent-assist$/,
      ],
      [
        'an older JSON index',
        () => JSON.stringify({version: 3, index: {}}),
        /^content pack: search-index\.\w+\.bin is not a compact search index \(an older pack's JSON index\?\); rebuild the pack/,
      ],
    ] as const) {
      const files = await smallPack('Refunds (index broken)');
      const m = JSON.parse(textOf(files.find((x) => x.path === 'manifest.json'))) as PackManifest;
      const index = files.find((x) => x.path === m.files.searchIndex.path)!.source as Uint8Array;
      const el = await fixture<AgentAssist>(html`<agent-assist lang="en"></agent-assist>`);
      const failed = oneEvent(el, 'aa-error');
      el.setAttribute('pack-url', await serve(await withFile(files, 'searchIndex', breakIt(index))));
      const {detail} = await failed;
      expect(detail.message, name).to.match(expected);
      expect(detail.code, name).to.equal('pack-invalid');
      // The rest of the pack applies: its articles open (the browse list and search wait for an index).
      await el.openArticle('billing/refunds');
      await settle(el);
      expect(articleView(el)!.shadowRoot!.textContent, name).to.contain('Refunds (index broken)');
      el.remove();
    }
  });

  it('should sanitize article HTML even when the pack itself carries a payload', async () => {
    const payloads = [
      '<img src=x onerror="window.__xss=1">',
      '<script>window.__xss=1</script>',
      '<a href="javascript:window.__xss=1">js</a>',
      '<a href="JaVaScRiPt:window.__xss=1">js2</a>',
      '<a href="data:text/html;base64,PHNjcmlwdD4=">data</a>',
      '<svg onload="window.__xss=1"></svg>',
      '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
      '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1"></style></mglyph></table></mtext></math>',
      '<form action="https://evil.example"><button>go</button></form>',
      '<a href="https://ok.example" target="_self">ok</a>',
      '<style>@import "https://evil.example/x.css";</style>',
      '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>"></noscript>',
    ];
    const files = await smallPack();
    const m = JSON.parse(textOf(files.find((x) => x.path === 'manifest.json'))) as PackManifest;
    const list = articlesOf(bytesOf(files.find((x) => x.path === m.files.articles.path)));
    list[0]!.html = payloads.join('\n');
    const url = await serve(await withFile(files, 'articles', articlesFile(list)));
    const el = await fixture<AgentAssist>(html`<agent-assist pack-url=${url}></agent-assist>`);
    await el.openArticle('billing/refunds');
    await settle(el);
    const view = articleView(el)!;
    await new Promise((r) => setTimeout(r, 100));
    const body = view.shadowRoot!.querySelector('.body')!;
    expect((window as {__xss?: number}).__xss).to.equal(undefined);
    expect(body.querySelectorAll('script, iframe, svg, math, form, style, img, noscript').length).to.equal(0);
    for (const a of body.querySelectorAll('a')) {
      const href = a.getAttribute('href');
      if (href !== null) expect(href).to.match(/^(https:|mailto:|tel:|#)/);
      if (href?.startsWith('https:')) {
        expect(a.getAttribute('target')).to.equal('_blank');
        expect(a.getAttribute('rel')).to.equal('noopener noreferrer');
      }
    }
    for (const node of body.querySelectorAll('*')) {
      for (const attr of node.attributes) expect(attr.name.startsWith('on'), attr.name).to.equal(false);
    }
  });
});
