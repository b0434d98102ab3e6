/** The knowledge search view driven from the keyboard only, on the built sample pack. */
import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import type {AgentAssist} from '../../src/components/agent-assist/agent-assist.js';
import type {PackManifest} from '../../src/content/pack-types.js';
import {defineElements} from '../../widget/define-elements.js';
import {articlesOf} from '../support/pack-articles.js';
import {
  articleView,
  DIST_PACK,
  loadedWidget,
  panel,
  resultTitles,
  searchBox,
  settle,
  shell,
} from './harness.js';

defineElements();

/** Waits past the search debounce and re-renders. */
async function typed(el: AgentAssist): Promise<void> {
  // The typing debounce, then the search it started: however long a loaded machine takes, not a fixed wait.
  const view = panel(el) as unknown as {_timer?: unknown; _inflight?: Promise<void>};
  for (let i = 0; i < 250 && view._timer !== undefined; i++) await new Promise((r) => setTimeout(r, 20));
  await view._inflight;
  await settle(el);
}

/** Levenshtein distance between two words. */
function editDistance(a: string, b: string): number {
  let row = Array.from({length: b.length + 1}, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

/** The title of an article of the built sample pack, read from the pack itself. */
async function titleOf(id: string): Promise<string> {
  const manifestUrl = new URL(DIST_PACK, location.href);
  const manifest = await (await fetch(manifestUrl)).json();
  const articles = articlesOf(
    await (await fetch(new URL(manifest.files.articles.path, manifestUrl))).arrayBuffer()
  );
  return articles.find((a) => a.id === id)!.title;
}

/** The built sample pack's manifest and its absolute URL, for the search client's own tests. */
async function samplePack(): Promise<{manifestUrl: string; manifest: PackManifest}> {
  const manifestUrl = new URL(DIST_PACK, location.href).href;
  return {manifestUrl, manifest: await (await fetch(manifestUrl)).json()};
}

describe('knowledge search view', () => {
  it('should focus the search box with / from anywhere in the widget, and search as the agent types', async () => {
    const el = await loadedWidget();
    shell(el).querySelector<HTMLElement>('#tab-script')!.focus();
    await sendKeys({press: '/'});
    await settle(el);
    expect(panel(el).shadowRoot!.activeElement).to.equal(searchBox(el));
    const searches: {query: string; resultCount: number}[] = [];
    el.addEventListener('aa-search', (e) => searches.push(e.detail));
    await sendKeys({type: 'refnud'});
    await typed(el);
    expect(resultTitles(el)[0]).to.equal('Refunds and bill credits');
    // Debounced: one event for the whole word, not one per key.
    expect(searches).to.deep.equal([{query: 'refnud', resultCount: resultTitles(el).length}]);
  });

  it('should move through results with the arrow keys and open one with Enter', async () => {
    const el = await loadedWidget();
    searchBox(el).focus();
    await sendKeys({type: 'roaming'});
    await typed(el);
    const titles = resultTitles(el);
    expect(titles.length).to.be.greaterThan(1);
    // Nothing is selected until the agent moves: ↓ selects the first result, ↓ again the second.
    expect(searchBox(el).getAttribute('aria-activedescendant')).to.equal('');
    expect(panel(el).shadowRoot!.querySelector('[aria-selected=true]')).to.equal(null);
    const opened = oneEvent(el, 'aa-article-open');
    await sendKeys({press: 'ArrowDown'});
    await settle(el);
    expect(searchBox(el).getAttribute('aria-activedescendant')).to.equal('hit-0');
    await sendKeys({press: 'ArrowDown'});
    await settle(el);
    expect(searchBox(el).getAttribute('aria-activedescendant')).to.equal('hit-1');
    await sendKeys({press: 'Enter'});
    const {detail} = await opened;
    expect(detail.from).to.equal('search');
    await settle(el);
    expect(articleView(el)!.shadowRoot!.querySelector('h2')!.textContent).to.equal(titles[1]);
  });

  it('should go back to the same results with the scroll position kept', async () => {
    const el = await loadedWidget();
    el.style.height = '300px';
    searchBox(el).focus();
    await sendKeys({type: 'bill'});
    await typed(el);
    const scroller = shell(el).querySelector<HTMLElement>('#panel-knowledge')!;
    scroller.scrollTop = 120;
    const before = scroller.scrollTop;
    panel(el).shadowRoot!.querySelector<HTMLElement>('[role=option]')!.click();
    await settle(el);
    panel(el).shadowRoot!.querySelector<HTMLButtonElement>('.back')!.click();
    await settle(el);
    await new Promise((r) => requestAnimationFrame(r));
    expect(searchBox(el).value).to.equal('bill');
    expect(resultTitles(el).length).to.be.greaterThan(0);
    expect(scroller.scrollTop).to.equal(before);
  });

  it('should say so when nothing matches and offer the closest suggestions', async () => {
    const el = await loadedWidget();
    const root = panel(el).shadowRoot!;
    const suggestions = () => [...root.querySelectorAll<HTMLButtonElement>('button.suggestion')];
    searchBox(el).focus();
    // "chargeback" with three typos: more than a search tolerates (2 edits), within what suggestions allow.
    await sendKeys({type: 'chragebak'});
    await typed(el);
    expect(resultTitles(el)).to.deep.equal([]);
    expect(root.querySelector('[role=status]')!.textContent).to.contain('No articles match "chragebak"');
    const offered = suggestions().map((b) => b.textContent!.trim());
    expect(offered[0]).to.equal('chargeback');
    // Only close words: every word offered is a few edits from what was typed, nothing unrelated.
    for (const word of offered.flatMap((x) => x.split(' '))) {
      expect(editDistance(word, 'chragebak'), word).to.be.at.most(3);
    }

    // Choosing the suggestion searches for it, and finds the article about it.
    const searched = oneEvent(el, 'aa-search');
    suggestions()[0]!.click();
    expect((await searched).detail.query).to.equal('chargeback');
    await settle(el);
    expect(searchBox(el).value).to.equal('chargeback');
    expect(resultTitles(el)).to.include(await titleOf('billing/disputing-a-charge'));
    expect(suggestions()).to.have.length(0);

    // Nothing close: no results and no suggestions.
    searchBox(el).select();
    await sendKeys({type: 'xyzzyq'});
    await typed(el);
    expect(resultTitles(el)).to.deep.equal([]);
    expect(root.querySelector('[role=status]')!.textContent).to.contain('No articles match "xyzzyq"');
    expect(suggestions()).to.have.length(0);
  });

  it('should filter by category with the chips', async () => {
    const el = await loadedWidget();
    searchBox(el).focus();
    await sendKeys({type: 'refund'});
    await typed(el);
    const chip = [...panel(el).shadowRoot!.querySelectorAll<HTMLButtonElement>('.chip')].find(
      (c) => c.textContent!.trim() === 'Roaming'
    )!;
    chip.click();
    await typed(el);
    const hits = await el.search('refund', {filters: {category: 'roaming'}});
    expect(resultTitles(el)).to.deep.equal(hits.map((h) => h.title));
    expect(hits.every((h) => h.category === 'roaming')).to.equal(true);
  });

  it('should find Chinese articles for a Chinese agent, first', async () => {
    const el = await loadedWidget({lang: 'zh-CN'});
    const hits = await el.search('退款');
    expect(hits[0]!.id.startsWith('zh/')).to.equal(true);
    expect(hits[0]!.snippet).to.contain('<mark>');
  });

  it('should reject bad search arguments, naming what was expected', async () => {
    const el = await loadedWidget();
    const reasons: string[] = [];
    for (const call of [
      () => el.search(42 as unknown as string),
      () => el.search('x', {limit: 0}),
      () => el.search('x', {filters: {colour: 'red'} as never}),
    ]) {
      await call().catch((e: Error) => reasons.push(e.message));
    }
    expect(reasons).to.deep.equal([
      'agent-assist: search() expected query to be a string',
      'agent-assist: search() expected limit to be an integer from 1 to 100, got 0',
      'agent-assist: search() expected filters to have only "category" and "lang", not "colour"',
    ]);
  });
});

describe('search worker', () => {
  it('should rank in a worker, not on the page', async () => {
    const el = await loadedWidget();
    await el.search('refund');
    expect((el as unknown as {_core: {searchClient: {mode: string}}})._core.searchClient.mode).to.equal(
      'worker'
    );
  });

  it('should search again after the host moves the element, and say nothing when removed mid-load', async () => {
    const el = await loadedWidget();
    const errors: string[] = [];
    const warned: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warned.push(args.join(' '));
    el.addEventListener('aa-error', (e) => errors.push(e.detail.message));
    try {
      // A single-page CRM moves the panel: removed and added back elsewhere (the worker stops meanwhile).
      const parent = el.parentElement!;
      el.remove();
      const other = await fixture(html`<section></section>`);
      other.append(el);
      const hits = await el.search('refund');
      expect(hits.length).to.be.greaterThan(0);
      // Removed while its pack is still loading: the load is dropped quietly, and resumed when it comes back.
      const late = document.createElement('agent-assist') as AgentAssist;
      late.setAttribute('pack-url', DIST_PACK);
      parent.append(late);
      late.remove();
      await new Promise((r) => setTimeout(r, 300));
      const content = oneEvent(late, 'aa-content-update');
      parent.append(late);
      await content;
      expect((await late.search('refund')).length).to.be.greaterThan(0);
    } finally {
      console.warn = warn;
    }
    expect(errors).to.deep.equal([]);
    expect(warned.filter((w) => /search|content pack/.test(w))).to.deep.equal([]);
  });

  it('should fall back to searching on the page when the worker cannot start', async () => {
    const {SearchClient} = await import('../../src/search/search-client.js');
    const client = new SearchClient(() => new Worker('/does-not-exist.js', {type: 'module'}));
    const {manifestUrl, manifest} = await samplePack();
    await client.load(manifestUrl, manifest.files);
    const hits = await client.search('refund', {limit: 3, today: '2026-11-22'});
    expect(client.mode).to.equal('page');
    expect(hits!.length).to.equal(3);
    expect(hits![0]!.title).to.be.a('string').and.not.equal('');
    client.dispose();
  });

  it('should start its worker ahead of the first request when prepared, once, and not once stopped', async () => {
    const {SearchClient} = await import('../../src/search/search-client.js');
    const {createSearchWorker} = await import('../../src/search/create-search-worker.js');
    let made = 0;
    const client = new SearchClient(() => (made++, createSearchWorker()));
    client.prepare();
    expect([made, client.mode]).to.deep.equal([1, 'worker']);
    const {manifestUrl, manifest} = await samplePack();
    await client.load(manifestUrl, manifest.files);
    expect((await client.search('refund', {limit: 3, today: '2026-11-22'}))!.length).to.equal(3);
    expect(made, 'the prepared worker is the one used').to.equal(1);
    client.dispose();
    client.prepare();
    expect(made, 'nothing starts after dispose()').to.equal(1);
    // A prepared worker that cannot start: the load that follows searches on the page.
    const broken = new SearchClient(() => new Worker('/does-not-exist.js', {type: 'module'}));
    broken.prepare();
    await broken.load(manifestUrl, manifest.files);
    expect((await broken.search('refund', {limit: 3, today: '2026-11-22'}))!.length).to.equal(3);
    expect(broken.mode).to.equal('page');
    broken.dispose();
  });

  it('should search on the page with one handler when no worker can start, asked twice at once', async () => {
    const {SearchClient} = await import('../../src/search/search-client.js');
    const client = new SearchClient(() => null);
    const {manifestUrl, manifest} = await samplePack();
    // The index and the articles asked together, as the widget does while its page-side handler loads.
    const [, articles] = await Promise.all([
      client.load(manifestUrl, manifest.files),
      client.articles(manifestUrl, manifest.files.articles, 'network'),
    ]);
    expect(client.mode).to.equal('page');
    expect(articles.size).to.equal(manifest.counts.articles);
    expect((await client.search('refund', {limit: 3, today: '2026-11-22'}))!.length).to.equal(3);
    client.dispose();
  });

  it('should read the articles in the worker and hand them to the page as a file without their HTML', async () => {
    const {SearchClient} = await import('../../src/search/search-client.js');
    const {createSearchWorker} = await import('../../src/search/create-search-worker.js');
    const client = new SearchClient(createSearchWorker);
    const {manifestUrl, manifest} = await samplePack();
    const expected = articlesOf(
      await (await fetch(new URL(manifest.files.articles.path, manifestUrl))).arrayBuffer()
    );
    const articles = await client.articles(manifestUrl, manifest.files.articles, 'network');
    expect(client.mode).to.equal('worker');
    const [first, second] = expected;
    // The page holds everything but the bodies, which stay in the worker until an article is opened.
    const withoutHtml = expected.map(({html: _html, ...rest}) => rest);
    expect(Array.from({length: articles.size}, (_, row) => articles.page(row))).to.deep.equal(withoutHtml);
    expect(articles.html(0)).to.equal(null);
    // Asked twice, an article is the same object (views compare them).
    expect(articles.get(first!.id)).to.equal(articles.get(first!.id));
    expect(await client.body(manifestUrl, manifest.files.articles, first!.id)).to.equal(first!.html);
    expect(await client.body(manifestUrl, manifest.files.articles, second!.id)).to.equal(second!.html);
    expect(await client.body(manifestUrl, manifest.files.articles, 'no/such-article')).to.equal(null);
    // A file that does not match the manifest is refused there, as a pack error.
    const wrong = {...manifest.files.articles, sha256: '0'.repeat(64)};
    const refused = await client.articles(manifestUrl, wrong, 'network').then(
      () => null,
      (err: Error & {code?: string}) => err
    );
    expect(refused?.code).to.equal('pack-invalid');
    expect(refused?.message).to.match(/truncated or corrupt/);
    client.dispose();
  });

  it('should order the browse list in the worker', async () => {
    const {SearchClient} = await import('../../src/search/search-client.js');
    const {createSearchWorker} = await import('../../src/search/create-search-worker.js');
    const client = new SearchClient(createSearchWorker);
    const {manifestUrl, manifest} = await samplePack();
    await client.load(manifestUrl, manifest.files);
    const order = await client.browse({lang: 'en', category: null, allLangs: true}, 3);
    const keys = order.map(([key]) => key);
    // The agent's language first, by category; the other language below, under its name.
    expect(keys.at(-1)).to.equal('lang:zh-CN');
    expect(keys.slice(0, -1)).to.deep.equal([...keys.slice(0, -1)].sort());
    for (const [, ids, total] of order) {
      expect(ids.length).to.equal(Math.min(3, total));
    }
    client.dispose();
  });

  it('should run at most one typing search at a time, newest waiting, stale ones resolving to null', async () => {
    const {SearchClient} = await import('../../src/search/search-client.js');
    const {createSearchWorker} = await import('../../src/search/create-search-worker.js');
    const client = new SearchClient(createSearchWorker);
    const {manifestUrl, manifest} = await samplePack();
    await client.load(manifestUrl, manifest.files);
    const today = '2026-11-22';
    const [a, b, c] = await Promise.all([
      client.search('r', {today}, true),
      client.search('ro', {today}, true),
      client.search('roaming', {limit: 2, today}, true),
    ]);
    expect(a).to.equal(null);
    expect(b).to.equal(null);
    expect(c!.length).to.equal(2);
    client.dispose();
  });
});
