/**
 * Accessibility (issue 13): axe-core (node_modules/axe-core, run on the document, which it searches through
 * open shadow roots) on every view of the built widget (knowledge search with results, an open article,
 * the call script during a call, the checklist, the QA view with a call) in both languages and both
 * themes, in a 320 px side panel and at 1280 px, and in more states of the views, finds no violation. A
 * sanity check first shows that axe does reach into the widget's nested shadow roots: it reports elements
 * broken there on purpose.
 */
import {expect} from '@open-wc/testing';
import {HELPERS, hostPage, VIEW_NAMES, VIEW_STEPS, withPage} from './host-page.js';
import type {PageRun, Viewport} from './host-page.js';

const AXE_SCRIPT = '/node_modules/axe-core/axe.min.js';

/** Runs axe on the whole document; returns each violation as `rule (impact): target: what to fix`. */
const RUN_AXE = `const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.flatMap((v) => v.nodes.map((n) =>
    v.id + ' (' + v.impact + '): ' + JSON.stringify(n.target) + ': ' +
    n.failureSummary.replace(/\\s+/g, ' ').slice(0, 300)));`;

/**
 * The widget fills the window in each: a 320 px side panel (an `<aside>` beside the host's `<main>`), and a
 * whole page on a host with no landmarks at all (the widget is then the page's only landmark).
 */
const SIZES: Record<string, Viewport> = {
  '320 px': {width: 320, height: 640},
  '1280 px': {width: 1280, height: 800},
};
const LANDMARKS: Record<string, boolean> = {'320 px': true, '1280 px': false};

/**
 * The height that shows the open panel whole: axe leaves the contrast of text scrolled out of view
 * undecided, so each view is checked again in a window tall enough that nothing scrolls.
 */
const WHOLE_HEIGHT = `${HELPERS}
  const panel = root.querySelector('.panel:not([hidden])');
  return Math.ceil(el.getBoundingClientRect().height + panel.scrollHeight - panel.clientHeight) + 1;`;

/**
 * More states of the views, each step leaving one on screen: a search that finds nothing, the script
 * chooser, the script's key help with its skip form, the checklist's skip form, and a call's timeline.
 */
const MORE_STATES: Record<string, string> = {
  'no results': `${HELPERS}
    const panel = await waitFor('knowledge panel', () => knowledge()?.querySelector('input[type=search]') && knowledge());
    const box = panel.querySelector('input[type=search]');
    box.value = 'qqxzvw';
    box.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
    await waitFor('no results', () => panel.querySelector('p.muted[role=status]'));
    await settled();
    return true;`,
  'script chooser': `${HELPERS}
    await el.startCall({context: {customer: {name: 'Li Wei'}}});
    const view = await waitFor('script view', () => inner('aa-script-view')?.querySelector('.top .link') && inner('aa-script-view'));
    view.querySelector('.top .link').click();
    await waitFor('chooser', () => view.querySelectorAll('button').length > 2 && !view.querySelector('.top'));
    await settled();
    return true;`,
  'script help and skip form': `${HELPERS}
    const view = inner('aa-script-view');
    [...view.querySelectorAll('button.link')].at(-1).click();
    await waitFor('script', () => view.querySelector('.actions'));
    const actions = () => [...view.querySelectorAll('.actions button')];
    actions().find((b) => b.querySelector('kbd')?.textContent === '?').click();
    await waitFor('help', () => view.querySelector('.help'));
    actions().find((b) => b.querySelector('kbd')?.textContent === 'S').click();
    await waitFor('skip form', () => view.querySelector('.skip-form'));
    await settled();
    return true;`,
  'checklist skip form': `${HELPERS}
    root.querySelector('#tab-checklist').click();
    const view = await waitFor('checklist', () => inner('aa-checklist-view')?.querySelector('[data-skip]') && inner('aa-checklist-view'));
    view.querySelector('[data-skip]').click();
    await waitFor('skip form', () => view.querySelector('.skip-form'));
    await settled();
    return true;`,
  // The QA view's step without its last line, then the first call's timeline opened.
  'call timeline': `${VIEW_STEPS.qa.slice(0, VIEW_STEPS.qa.lastIndexOf('return '))}
    const qa = inner('aa-qa-view');
    qa.querySelector('button.link[data-row]').click();
    await waitFor('timeline', () => qa.querySelector('.detail .events li'));
    await settled();
    return true;`,
};

/**
 * Brings each state of `steps` up in turn and runs axe on it: as the agent sees it (the panel scrolling
 * inside the widget), then with the panel whole. Returns each state's violations.
 */
async function axeEach(page: PageRun, viewport: Viewport, steps: Record<string, string>) {
  const found: Record<string, string[]> = {};
  for (const [state, step] of Object.entries(steps)) {
    await page.eval(step);
    const scrolling = await page.eval<string[]>(RUN_AXE);
    await page.viewport({width: viewport.width, height: await page.eval<number>(WHOLE_HEIGHT)});
    const whole = await page.eval<string[]>(RUN_AXE);
    await page.viewport(viewport);
    found[state] = [...new Set([...scrolling, ...whole])];
  }
  return found;
}

describe('axe-core on every view (built widget)', function () {
  this.timeout(120_000);

  it('should reach into nested shadow roots: it reports elements broken there on purpose', async () => {
    const url = await hostPage({scripts: [AXE_SCRIPT], panel: 'viewport'});
    const {value} = await withPage(url, SIZES['320 px']!, async (page) => {
      await page.eval(VIEW_STEPS.search);
      const clean = await page.eval<string[]>(RUN_AXE);
      // Two levels down (the root's shadow root, then the knowledge panel's): a button with no name, a
      // text box with no label, and faint text.
      await page.eval(`${HELPERS}
        const panel = knowledge();
        const button = document.createElement('button');
        button.className = 'broken-button';
        const input = document.createElement('input');
        input.className = 'broken-input';
        const faint = document.createElement('p');
        faint.className = 'broken-contrast';
        faint.textContent = 'Barely there';
        faint.style.color = '#e8e8e8';
        faint.style.background = '#ffffff';
        panel.prepend(button, input, faint);
        return true;`);
      return {clean, broken: await page.eval<string[]>(RUN_AXE)};
    });
    expect(value.clean).to.deep.equal([]);
    const path = (cls: string) => JSON.stringify([['agent-assist', 'aa-knowledge-panel', `.${cls}`]]);
    // Exactly those three, each found where it is: a target path through both shadow roots.
    expect(value.broken).to.have.length(3);
    const found = [
      ['button-name (critical)', 'broken-button'],
      ['label (critical)', 'broken-input'],
      ['color-contrast (serious)', 'broken-contrast'],
    ].map(([rule, cls]) => value.broken.some((v) => v.startsWith(`${rule}: ${path(cls!)}: `)));
    expect(found).to.deep.equal([true, true, true]);
  });

  for (const [size, viewport] of Object.entries(SIZES)) {
    for (const lang of ['en', 'zh-CN']) {
      for (const theme of ['light', 'dark'] as const) {
        it(`should find no violation in any view (${lang}, ${theme}, ${size})`, async () => {
          const url = await hostPage({
            attributes: `lang="${lang}" theme="${theme}"`,
            scripts: [AXE_SCRIPT],
            panel: 'viewport',
            landmarks: LANDMARKS[size]!,
          });
          const {value, errors} = await withPage(
            url,
            viewport,
            (page) => axeEach(page, viewport, VIEW_STEPS),
            theme
          );
          expect(errors).to.deep.equal([]);
          expect(value).to.deep.equal(Object.fromEntries(VIEW_NAMES.map((v) => [v, []])));
        });
      }
    }
  }

  for (const lang of ['en', 'zh-CN']) {
    for (const theme of ['light', 'dark'] as const) {
      it(`should find no violation in the views' other states (${lang}, ${theme}, 320 px)`, async () => {
        const url = await hostPage({
          attributes: `lang="${lang}" theme="${theme}"`,
          scripts: [AXE_SCRIPT],
          panel: 'viewport',
        });
        const {value, errors} = await withPage(
          url,
          SIZES['320 px']!,
          (page) => axeEach(page, SIZES['320 px']!, MORE_STATES),
          theme
        );
        expect(errors).to.deep.equal([]);
        expect(value).to.deep.equal(Object.fromEntries(Object.keys(MORE_STATES).map((v) => [v, []])));
      });
    }
  }
});
