/** The knowledge search view driven from the keyboard only, on the built sample pack. */
import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import type {AgentAssist} from '../../src/components/agent-assist/agent-assist.js';
import {defineElements} from '../../widget/define-elements.js';
import {articleView, panel, resultTitles, searchBox, settle, shell} from './harness.js';

defineElements();

const DIST_PACK = '/dist/kb/manifest.json';

async function loaded(lang = 'en'): Promise<AgentAssist> {
  const el = document.createElement('agent-assist') as AgentAssist;
  el.setAttribute('lang', lang);
  el.setAttribute('pack-url', DIST_PACK);
  const ready = oneEvent(el, 'aa-content-update');
  await fixture(html`<div></div>`).then((d) => d.append(el));
  await ready;
  // The index loads in the worker after the pack is applied; a first search waits for it.
  await el.search('warm-up');
  await settle(el);
  return el;
}

/** Waits past the search debounce and re-renders. */
async function typed(el: AgentAssist): Promise<void> {
  await new Promise((r) => setTimeout(r, 150));
  await settle(el);
}

describe('knowledge search view', () => {
  it('should focus the search box with / from anywhere in the widget, and search as the agent types', async () => {
    const el = await loaded();
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
    const el = await loaded();
    searchBox(el).focus();
    await sendKeys({type: 'roaming'});
    await typed(el);
    const titles = resultTitles(el);
    expect(titles.length).to.be.greaterThan(1);
    const opened = oneEvent(el, 'aa-article-open');
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
    const el = await loaded();
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
    const el = await loaded();
    searchBox(el).focus();
    await sendKeys({type: 'roamign xyzzyq'});
    await typed(el);
    const status = panel(el).shadowRoot!.querySelector('[role=status]')!.textContent!;
    if (resultTitles(el).length === 0) {
      expect(status).to.contain('No articles match');
    }
    searchBox(el).select();
    await sendKeys({type: 'xyzzyq'});
    await typed(el);
    expect(panel(el).shadowRoot!.querySelector('[role=status]')!.textContent).to.contain(
      'No articles match "xyzzyq"'
    );
  });

  it('should filter by category with the chips', async () => {
    const el = await loaded();
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
    const el = await loaded('zh-CN');
    const hits = await el.search('退款');
    expect(hits[0]!.id.startsWith('zh/')).to.equal(true);
    expect(hits[0]!.snippet).to.contain('<mark>');
  });

  it('should reject bad search arguments, naming what was expected', async () => {
    const el = await loaded();
    const reasons: string[] = [];
    for (const call of [
      () => el.search(42 as unknown as string),
      () => el.search('x', {limit: 0}),
      () => el.search('x', {filters: {colour: 'red'} as never}),
    ]) {
      await call().catch((e: Error) => reasons.push(e.message));
    }
    expect(reasons).to.deep.equal([
      'agent-assist: search(query) expected query to be a string',
      'agent-assist: search() expected limit to be an integer from 1 to 100, got 0',
      'agent-assist: search() filters may have "category" and "lang", not "colour"',
    ]);
  });
});

describe('search worker', () => {
  it('should rank in a worker, not on the page', async () => {
    const el = await loaded();
    await el.search('refund');
    expect((el as unknown as {_search: {mode: string}})._search.mode).to.equal('worker');
  });

  it('should fall back to searching on the page when the worker cannot start', async () => {
    const {SearchClient} = await import('../../src/search/search-client.js');
    const client = new SearchClient(() => new Worker('/does-not-exist.js', {type: 'module'}));
    const manifestUrl = new URL(DIST_PACK, location.href).href;
    const manifest = await (await fetch(manifestUrl)).json();
    await client.load(manifestUrl, manifest.files.searchIndex);
    const ranked = await client.rank('refund', {limit: 3});
    expect(client.mode).to.equal('page');
    expect(ranked!.length).to.equal(3);
    client.dispose();
  });

  it('should run at most one typing search at a time, newest waiting, stale ones resolving to null', async () => {
    const {SearchClient} = await import('../../src/search/search-client.js');
    const {createSearchWorker} = await import('../../src/search/create-search-worker.js');
    const client = new SearchClient(createSearchWorker);
    const manifestUrl = new URL(DIST_PACK, location.href).href;
    const manifest = await (await fetch(manifestUrl)).json();
    await client.load(manifestUrl, manifest.files.searchIndex);
    const [a, b, c] = await Promise.all([
      client.rank('r', {}, true),
      client.rank('ro', {}, true),
      client.rank('roaming', {limit: 2}, true),
    ]);
    expect(a).to.equal(null);
    expect(b).to.equal(null);
    expect(c!.length).to.equal(2);
    client.dispose();
  });
});
