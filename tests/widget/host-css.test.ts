/**
 * Aggressive host CSS (reliability.md scenario 38, known failures 25–27): the built widget on host pages
 * built from the real CSS of Bootstrap 5 (reboot), Tailwind 4's preflight and AdminLTE 3, and on a page of
 * hostile rules (`html {font-size: 62.5%}`, `* {box-sizing: content-box !important}`, an odd body font,
 * colour, line height and direction, `[hidden] {display: block !important}`), and of inherited properties
 * the scenario does not list. In every view, every element of the widget (through its nested shadow roots)
 * has the size, place, font and colours it has on a blank page, and its panel looks the same pixel for pixel.
 */
import {expect} from '@open-wc/testing';
import {HELPERS, hostPage, VIEW_NAMES, VIEW_STEPS, withPage} from './host-page.js';
import type {HostOptions, PageRun, ViewName} from './host-page.js';

/** The panel the widget sits in on every host page, and the viewport around it. */
const PANEL = {width: 360, height: 640};
const VIEWPORT = {width: 1024, height: 700};

/** The rules of scenario 38, as a host page would have them. */
const HOSTILE = `html {font-size: 62.5%}
  * {box-sizing: content-box !important}
  body {line-height: 3; color: red; direction: rtl; font-family: cursive}
  [hidden] {display: block !important}`;

/** Inherited properties a host may set on its body that the scenario's list does not name. */
const INHERITED = `body {font: italic small-caps 700 22px/2 serif; letter-spacing: 3px; word-spacing: 9px;
  text-transform: uppercase; text-indent: 40px; text-align: right; white-space: nowrap; word-break: break-all;
  text-shadow: 1px 1px 2px green; color-scheme: dark; accent-color: hotpink; cursor: wait; tab-size: 20;
  font-feature-settings: 'smcp'; font-kerning: none; hyphens: auto; visibility: visible}`;

const HOSTS: Record<string, HostOptions> = {
  'Bootstrap 5': {stylesheets: ['/node_modules/bootstrap/dist/css/bootstrap.min.css']},
  'Tailwind preflight': {stylesheets: ['/node_modules/tailwindcss/preflight.css']},
  'AdminLTE 3': {
    stylesheets: ['/node_modules/admin-lte/dist/css/adminlte.min.css'],
    bodyClass: 'hold-transition sidebar-mini layout-fixed',
  },
  'hostile rules': {css: HOSTILE},
  'Bootstrap with the hostile rules': {
    stylesheets: ['/node_modules/bootstrap/dist/css/bootstrap.min.css'],
    css: HOSTILE,
  },
  'inherited properties on the body': {css: INHERITED},
};

/** One element of the widget as laid out: its size and place (from the widget's corner) and its font. */
type Box = [own: string, ...layout: Array<string | number | null>];
type Measure = Record<string, Box>;

/**
 * Walks the widget's composed tree (nested shadow roots included) and records each element under a path
 * of tag names and sibling indexes. Scroll containers are scrolled back to the start first, so places do
 * not depend on where an earlier step left them. `own` is the element's own text (its text nodes), which
 * a countdown changes from one page to the next: such elements are compared only where it is the same.
 */
const MEASURE = `${HELPERS}
  let all = [];
  const collect = (node, path) => {
    [...node.children].forEach((child, i) => {
      if (child.localName === 'style') return;
      const p = path + '/' + child.localName + (child.id ? '#' + child.id : '') + ':' + i;
      all.push([p, child]);
      if (child.shadowRoot) collect(child.shadowRoot, p + '/#shadow');
      collect(child, p);
    });
  };
  // Views load their elements lazily (later on a loaded machine): wait until every one is defined and drawn.
  await waitFor('every element of the widget to be defined', () => {
    all = [];
    collect(root, '');
    return all.every(([, e]) => !e.localName.includes('-') || customElements.get(e.localName));
  });
  await settled();
  all = [];
  collect(root, '');
  for (const [, e] of all) if (e.scrollTop || e.scrollLeft) e.scrollTo(0, 0);
  await settled();
  const base = root.querySelector('.base').getBoundingClientRect();
  const r2 = (n) => Math.round(n * 100) / 100;
  const out = {};
  for (const [p, e] of all) {
    const r = e.getBoundingClientRect();
    const cs = getComputedStyle(e);
    const own = [...e.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
    // Not rendered (display: none): no box, no place.
    const shown = r.width > 0 || r.height > 0;
    out[p] = [own, r2(r.width), r2(r.height), shown ? r2(r.left - base.left) : null,
      shown ? r2(r.top - base.top) : null, cs.display,
      cs.fontFamily, cs.fontSize, cs.fontWeight, cs.fontStyle, cs.fontVariant, cs.lineHeight,
      cs.letterSpacing, cs.wordSpacing, cs.textTransform, cs.textIndent, cs.textAlign, cs.whiteSpace,
      cs.color, cs.backgroundColor, cs.boxSizing, cs.direction, cs.colorScheme, cs.accentColor, cs.cursor];
  }
  return out;`;

/** The host element's own layout: where the host's CSS may reach (it fills its panel in every host). */
const HOST_BOX = `${HELPERS}
  const r = el.getBoundingClientRect();
  const panel = el.parentElement.getBoundingClientRect();
  return {width: r.width, height: r.height, panelWidth: panel.width, panelHeight: panel.height,
    display: getComputedStyle(el).display};`;

/** Views compared pixel by pixel: the checklist's countdowns change between two pages. */
const PIXEL_VIEWS: ViewName[] = ['search', 'article', 'script', 'qa'];

/** Brings every view up on `url`, measures the widget in each and takes a picture of its panel. */
async function measureViews(url: string) {
  const {value, errors} = await withPage(url, VIEWPORT, async (page: PageRun) => {
    const views = {} as Record<ViewName, Measure>;
    const pictures: Partial<Record<ViewName, string>> = {};
    for (const view of VIEW_NAMES) {
      await page.eval(VIEW_STEPS[view]);
      views[view] = await page.eval<Measure>(MEASURE);
      if (PIXEL_VIEWS.includes(view)) pictures[view] = await page.capture('#assist-panel');
    }
    return {views, pictures, host: await page.eval<Record<string, unknown>>(HOST_BOX)};
  });
  return {...value, errors};
}

/** The RGBA pixels of a PNG (base64). */
async function decode(png: string): Promise<ImageData> {
  const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${png}`)).blob());
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  return context.getImageData(0, 0, bitmap.width, bitmap.height);
}

/** The share of pixels that differ (any channel by more than 8 of 255) between two same-size pictures. */
async function pixelDifference(a: string, b: string): Promise<number> {
  const [x, y] = await Promise.all([decode(a), decode(b)]);
  expect([y.width, y.height]).to.deep.equal([x.width, x.height]);
  let differing = 0;
  for (let i = 0; i < x.data.length; i += 4) {
    for (let c = 0; c < 4; c++) {
      if (Math.abs(x.data[i + c]! - y.data[i + c]!) > 8) {
        differing++;
        break;
      }
    }
  }
  return differing / (x.width * x.height);
}

/** Differences between a host's measures and the blank page's, as readable lines (none expected). */
function differences(blank: Measure, host: Measure): {lines: string[]; compared: number} {
  const lines: string[] = [];
  let compared = 0;
  for (const [path, expected] of Object.entries(blank)) {
    const actual = host[path];
    if (!actual) {
      lines.push(`${path}: missing`);
      continue;
    }
    // A countdown or a clock in the element's own text: its width may differ, nothing else may.
    if (actual[0] !== expected[0]) continue;
    compared++;
    if (JSON.stringify(actual) !== JSON.stringify(expected))
      lines.push(`${path}: ${JSON.stringify(expected)} on a blank page, ${JSON.stringify(actual)} here`);
  }
  return {lines, compared};
}

describe('aggressive host CSS (scenario 38; built widget)', function () {
  this.timeout(120_000);
  let blank: Awaited<ReturnType<typeof measureViews>>;

  before(async () => {
    blank = await measureViews(await hostPage({panel: PANEL}));
  });

  it('should measure a widget that fills its panel on a blank page', () => {
    expect(blank.errors).to.deep.equal([]);
    expect(blank.host).to.deep.equal({
      width: PANEL.width,
      height: PANEL.height,
      panelWidth: PANEL.width,
      panelHeight: PANEL.height,
      display: 'block',
    });
    for (const view of VIEW_NAMES) expect(Object.keys(blank.views[view]).length).to.be.greaterThan(40);
  });

  for (const [name, options] of Object.entries(HOSTS)) {
    it(`should look the same under ${name}: every element's size, place and font in every view`, async () => {
      const host = await measureViews(await hostPage({...options, panel: PANEL}));
      expect(host.errors).to.deep.equal([]);
      for (const view of VIEW_NAMES) {
        const {lines, compared} = differences(blank.views[view], host.views[view]);
        expect(lines, `${view} view under ${name}`).to.deep.equal([]);
        // Nearly everything is compared: only elements whose own text is a running clock are skipped.
        expect(compared, `${view}: elements compared`).to.be.greaterThan(
          Object.keys(blank.views[view]).length * 0.9
        );
      }
      expect(host.host).to.deep.equal(blank.host);
      // Pixel-stable too (scenario 38's screenshot diff): under 0.1 % of the panel's pixels differ.
      for (const view of PIXEL_VIEWS) {
        const share = await pixelDifference(blank.pictures[view]!, host.pictures[view]!);
        expect(share, `${view}: share of pixels that differ under ${name}`).to.be.below(0.001);
      }
    });
  }

  it('should stay hidden with the hidden attribute under [hidden] {display: block !important}', async () => {
    const url = await hostPage({css: HOSTILE, attributes: 'lang="en" hidden', panel: PANEL});
    const {value} = await withPage(url, VIEWPORT, (page) =>
      page.eval<{display: string; height: number}>(`${HELPERS}
        return {display: getComputedStyle(el).display, height: el.getBoundingClientRect().height};`)
    );
    expect(value).to.deep.equal({display: 'none', height: 0});
  });
});
