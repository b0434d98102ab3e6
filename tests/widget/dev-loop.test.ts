/**
 * The editors' loop, for real: `npm start`'s Vite dev server on a copy of the sample content, the demo
 * page open in a browser. A broken front-matter list in an article that twenty others link to names only
 * that file and line (terminal and overlay); the warnings are one line, printed once; the overlay clears
 * as soon as the content is valid again.
 */
import {expect} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';
import {longCommand} from './long-command.js';

interface Overlay {
  file: string;
  message: string;
  frame: string;
}

const dev = <T>(payload: Record<string, unknown>) => executeServerCommand<T, unknown>('aa-vite-dev', payload);
const overlay = async (state: 'shown' | 'gone') =>
  (await dev<{overlay: Overlay | null}>({id: runId, overlay: state}))!.overlay;
let runId = '';

const REFUNDS = 'articles/billing/refunds.md';
const GOOD_TAGS = 'tags: [refund, credit, overcharge, goodwill]';
const BROKEN_TAGS = 'tags: [refund, credit, overcharge, goodwill';

describe('npm start: the content editing loop', () => {
  let id = '';

  before(async function () {
    this.timeout(120_000);
    ({id} = await longCommand<{id: string}>('aa-vite-dev', {start: {content: 'content'}}));
    runId = id;
    await longCommand('aa-vite-dev', {id, open: true});
  });

  after(async function () {
    this.timeout(30_000);
    if (id) await dev({id, stop: true});
  });

  it('should print the warnings as one summary line, once', async () => {
    const log = (await dev<string[]>({id, log: true}))!;
    const summaries = log.filter((l) => l.startsWith('content: ') && l.includes('warning'));
    expect(summaries).to.have.length(1);
    expect(summaries[0]).to.match(
      /^content: \d+ warnings? \(\d+ overdue for review\); npm run content:check lists them$/
    );
    expect(log.filter((l) => / warning: /.test(l))).to.deep.equal([]);
  });

  it('should name only the broken file and line, in the terminal and in the overlay', async function () {
    this.timeout(60_000);
    await dev({id, edit: {path: REFUNDS, from: GOOD_TAGS, to: BROKEN_TAGS}});
    const shown = (await overlay('shown'))!;
    expect(shown.file).to.match(new RegExp(`/content/${REFUNDS}:4:7$`));
    expect(shown.message).to.match(
      /^.*\/content\/articles\/billing\/refunds\.md:4:7 front matter: this list is not closed: end it with "\]" on the same line$/
    );
    expect(shown.frame).to.contain(`> 4 | ${BROKEN_TAGS}`);
    const log = (await dev<string[]>({id, log: true}))!;
    const errorLines = log.filter((l) => / error: /.test(l));
    expect(log).to.include('content: 1 error in 1 file; the content pack was not updated:');
    expect(errorLines).to.have.length(1);
    expect(errorLines[0]).to.match(
      new RegExp(`^  \\S*/content/${REFUNDS}:4:7 error: front matter: this list is not closed`)
    );
    expect(log.join('\n')).to.not.contain('missing article');
    // The warnings did not change: their line is not printed again.
    expect(log.filter((l) => l.includes('warning'))).to.deep.equal([]);
  });

  it('should keep showing the blocking error when another file is saved, and after a reload', async function () {
    this.timeout(60_000);
    await dev({
      id,
      edit: {
        path: 'articles/billing/late-payment-fees.md',
        from: 'title: Late payment fees',
        to: 'title: Late fees',
      },
    });
    await new Promise((r) => setTimeout(r, 1500));
    expect((await overlay('shown'))!.file).to.match(new RegExp(`${REFUNDS}:4:7$`));
    await longCommand('aa-vite-dev', {id, reload: true});
    expect((await overlay('shown'))!.file).to.match(new RegExp(`${REFUNDS}:4:7$`));
  });

  it('should clear the overlay as soon as the content is valid again, and update the widget', async function () {
    this.timeout(60_000);
    await dev({id, log: true});
    await dev({id, edit: {path: REFUNDS, from: BROKEN_TAGS, to: GOOD_TAGS}});
    expect(await overlay('gone')).to.equal(null);
    const log = (await dev<string[]>({id, log: true}))!;
    expect(
      log.some((l) => /content pack updated \(articles\/billing\/refunds\.md\): hash [0-9a-f]{12}/.test(l))
    ).to.equal(true);
    // The widget applied the new pack: the title edited while the content was broken is there.
    const {value} = (await dev<{value: boolean}>({
      id,
      eval: `const el = document.querySelector('agent-assist');
        for (let i = 0; i < 100; i++) {
          const hits = await el.search('late fees');
          if (hits.some((h) => h.title === 'Late fees')) return true;
          await new Promise((r) => setTimeout(r, 100));
        }
        return false;`,
    }))!;
    expect(value).to.equal(true);
  });
});
