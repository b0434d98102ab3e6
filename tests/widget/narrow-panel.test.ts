/**
 * The compact layout (issue 13, "Theming and size"): the built widget in a 320 px side panel, in both
 * languages and both themes, through every view: the header on one line, each tab on one line and all of
 * them fitting, the filter chips in one row that scrolls sideways, nothing wider than the panel and no
 * text clipped; the widget fills the panel's height and scrolls inside it with the header and tabs in
 * view. The same page widened to 1280 px uses the width. A screenshot of each view is saved at 320 px
 * (`AA_SCREENSHOT_DIR`, else .tmp/screens/).
 */
import {expect} from '@open-wc/testing';
import {HELPERS, hostPage, VIEW_NAMES, VIEW_STEPS, withPage} from './host-page.js';
import type {Viewport} from './host-page.js';

const NARROW: Viewport = {width: 320, height: 640};
const WIDE: Viewport = {width: 1280, height: 800};

/** What a layout check reports from the page (each list empty when all is well). */
interface Layout {
  /** The host element's box against its panel's. */
  fills: {host: number[]; panel: number[]};
  /** Texts that run onto a second line where they must not (header, tabs, chips, badges, key caps). */
  wrapped: string[];
  tabsFit: boolean;
  /** Chips: how many rows, and whether the row scrolls when it is wider than the panel. */
  chipRows: number | null;
  chipsScroll: boolean | null;
  /** Elements reaching outside the widget without a scrolling box of their own around them. */
  overflowing: string[];
  /** Elements whose text is cut off without an ellipsis, and those cut off with one. */
  clipped: string[];
  truncated: string[];
  /** The panel scrolls inside the widget: its scroll range, and header and tabs before and after. */
  scrollRange: number;
  headerBefore: number[];
  headerAfter: number[];
  tabsBefore: number[];
  tabsAfter: number[];
  pageScroll: number[];
}

const LAYOUT = `${HELPERS}
  // After a resize, what follows the widget's width (the chart) redraws on the next frame.
  await settled();
  const box = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.width, r.height].map(Math.round); };
  const name = (e) => e.localName + (e.id ? '#' + e.id : '') + (e.classList.length ? '.' + [...e.classList].join('.') : '') +
    ' "' + e.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40) + '"';
  const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  /**
   * Whether the text of e stays on one line: all its text boxes share a band of the page (text for
   * screen readers only, in a 1 px box, left out).
   */
  const oneLine = (e) => {
    const rects = [];
    const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const box = t.parentElement;
      if (box.closest('.visually-hidden') || box.getBoundingClientRect().width <= 1) continue;
      const range = document.createRange();
      range.selectNodeContents(t);
      rects.push(...[...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0));
    }
    return rects.length === 0 || Math.max(...rects.map((r) => r.top)) < Math.min(...rects.map((r) => r.bottom)) - 1;
  };
  const base = root.querySelector('.base');
  const header = root.querySelector('.header');
  const tabs = root.querySelector('.tabs');
  const panel = root.querySelector('.panel:not([hidden])');
  const wrapped = [];
  for (const e of [header, ...tabs.querySelectorAll('.tab')]) if (!oneLine(e)) wrapped.push(name(e));
  const chips = knowledge() && shown(root.querySelector('#panel-knowledge')) ? knowledge().querySelector('.chips') : null;
  let chipRows = null;
  let chipsScroll = null;
  if (chips) {
    const all = [...chips.querySelectorAll('.chip')];
    for (const c of all) if (!oneLine(c)) wrapped.push(name(c));
    chipRows = new Set(all.map((c) => Math.round(c.getBoundingClientRect().top))).size;
    chipsScroll = chips.scrollWidth <= chips.clientWidth || getComputedStyle(chips).overflowX === 'auto';
  }
  const edge = base.getBoundingClientRect();
  const overflowing = [];
  const clipped = [];
  const truncated = [];
  for (const e of composed()) {
    const r = e.getBoundingClientRect();
    // Not shown, or visually hidden (a 1 px box for screen readers, clipping what it holds).
    if (!shown(e) || r.width <= 1 || r.height <= 1) continue;
    if (r.right > edge.right + 0.5 || r.left < edge.left - 0.5) {
      // Fine inside a box that scrolls (or clips) sideways below the panel: the chips, a wide table.
      let p = parentOf(e);
      let held = false;
      for (; p && p !== panel && p !== base; p = parentOf(p)) {
        if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) { held = true; break; }
      }
      if (!held) overflowing.push(name(e));
    }
    // Badges and key caps are single words or short labels: broken over lines they read as nonsense.
    if (e.matches('.badge, .critical, kbd') && !oneLine(e)) wrapped.push(name(e));
    const cs = getComputedStyle(e);
    if (['hidden', 'clip'].includes(cs.overflowX) && e.scrollWidth > e.clientWidth + 1 &&
        e.textContent.trim()) {
      (cs.textOverflow === 'ellipsis' ? truncated : clipped).push(name(e));
    }
  }
  const tabsFit = tabs.scrollWidth <= tabs.clientWidth;
  const headerBefore = box(header);
  const tabsBefore = box(tabs);
  const scrollRange = panel.scrollHeight - panel.clientHeight;
  panel.scrollTop = panel.scrollHeight;
  await settled();
  const result = {
    fills: {host: box(el), panel: box(el.parentElement)},
    wrapped, tabsFit, chipRows, chipsScroll, overflowing, clipped, truncated, scrollRange,
    headerBefore, headerAfter: box(header), tabsBefore, tabsAfter: box(tabs),
    pageScroll: [document.scrollingElement.scrollTop, document.scrollingElement.scrollHeight - innerHeight],
  };
  panel.scrollTop = 0;
  await settled();
  return result;`;

/** Everything the compact layout promises, for one view (`long`: its content is taller than the panel). */
function expectCompact(layout: Layout, where: string, long = true) {
  expect(layout.fills.host, `${where}: the widget fills its panel`).to.deep.equal(layout.fills.panel);
  expect(layout.wrapped, `${where}: header, tabs, chips and badges on one line each`).to.deep.equal([]);
  expect(layout.tabsFit, `${where}: the tabs fit`).to.equal(true);
  if (layout.chipRows !== null) {
    expect(layout.chipRows, `${where}: chips in one row`).to.equal(1);
    expect(layout.chipsScroll, `${where}: the chips' row scrolls`).to.equal(true);
  }
  expect(layout.overflowing, `${where}: nothing wider than the widget`).to.deep.equal([]);
  expect(layout.clipped, `${where}: no text cut off`).to.deep.equal([]);
  expect(layout.truncated, `${where}: no text shortened`).to.deep.equal([]);
  if (long) expect(layout.scrollRange, `${where}: the panel scrolls inside the widget`).to.be.greaterThan(0);
  expect(layout.headerAfter, `${where}: the header stays`).to.deep.equal(layout.headerBefore);
  expect(layout.tabsAfter, `${where}: the tabs stay`).to.deep.equal(layout.tabsBefore);
  expect(layout.pageScroll, `${where}: the page itself does not scroll`).to.deep.equal([0, 0]);
}

describe('compact layout in a 320 px side panel (built widget)', function () {
  this.timeout(120_000);

  for (const lang of ['en', 'zh-CN']) {
    for (const theme of ['light', 'dark'] as const) {
      it(`should fit every view in 320 px (${lang}, ${theme}), with a screenshot of each`, async () => {
        const url = await hostPage({attributes: `lang="${lang}" theme="${theme}"`, panel: NARROW});
        const {errors} = await withPage(
          url,
          NARROW,
          async (page) => {
            for (const view of VIEW_NAMES) {
              await page.eval(VIEW_STEPS[view]);
              expectCompact(await page.eval<Layout>(LAYOUT), `${view} (${lang}, ${theme})`);
              await page.screenshot(`${view}-${lang}-${theme}-320.png`);
            }
          },
          theme
        );
        expect(errors).to.deep.equal([]);
      });
    }
  }

  it('should keep the header on one line with every badge up (upload waiting, storage best-effort)', async () => {
    // An upload target that refuses the connection: events wait, and the header says so.
    const url = await hostPage({
      attributes: 'lang="en" theme="light" sync-url="http://127.0.0.1:9/v1/events"',
      panel: NARROW,
    });
    const {value} = await withPage(url, NARROW, async (page) => {
      await page.eval(VIEW_STEPS.search);
      await page.eval(VIEW_STEPS.article);
      await page.eval(VIEW_STEPS.script);
      await page.eval(`${HELPERS}
        await waitFor('upload badge', () => root.querySelector('.badge.sync')?.textContent.includes('upload'));
        return true;`);
      const layout = await page.eval<Layout>(LAYOUT);
      await page.screenshot('header-badges-en-light-320.png');
      return layout;
    });
    expect(value.wrapped).to.deep.equal([]);
    expect(value.overflowing).to.deep.equal([]);
    expect(value.clipped).to.deep.equal([]);
    expect(value.headerAfter).to.deep.equal(value.headerBefore);
  });

  it('should fill its frame in iframe mode (frame.html at 320 px), scrolling inside it', async () => {
    const copy = await hostPage();
    const frame = copy.replace(
      '/crm/index.html',
      '/static/vendor/agent-assist/frame.html?agent-id=a-frame&lang=en&queue=billing&allowed-origins=https://crm.example'
    );
    const {value, errors} = await withPage(frame, NARROW, async (page) => {
      for (const view of ['search', 'article'] as const) await page.eval(VIEW_STEPS[view]);
      return page.eval<Layout>(LAYOUT);
    });
    expect(errors).to.deep.equal([]);
    expectCompact(value, 'frame.html');
    expect(value.fills.host).to.deep.equal([0, 0, NARROW.width, NARROW.height]);
  });

  it('should scale up to a whole page and back when its panel is the window', async () => {
    const url = await hostPage({attributes: 'lang="en" theme="light"', panel: 'viewport'});
    await withPage(url, NARROW, async (page) => {
      const agentShown = `${HELPERS}
        const agent = root.querySelector('.agent');
        return {width: el.getBoundingClientRect().width, agent: agent.getBoundingClientRect().width > 1};`;
      expect(await page.eval(agentShown)).to.deep.equal({width: 320, agent: false});
      for (const view of VIEW_NAMES) {
        await page.eval(VIEW_STEPS[view]);
        await page.viewport(WIDE);
        const wide = await page.eval<Layout>(LAYOUT);
        expectCompact(wide, `${view} at 1280 px`, false);
        expect(wide.fills.host).to.deep.equal([0, 0, WIDE.width, WIDE.height]);
        await page.screenshot(`${view}-en-light-1280.png`);
        await page.viewport(NARROW);
        const narrow = await page.eval<Layout>(LAYOUT);
        expectCompact(narrow, `${view} back at 320 px`);
        expect(narrow.fills.host).to.deep.equal([0, 0, NARROW.width, NARROW.height]);
      }
      await page.viewport(WIDE);
      // Who is logged in shows again once there is room for it.
      expect(await page.eval(agentShown)).to.deep.equal({width: 1280, agent: true});
    });
  });
});
