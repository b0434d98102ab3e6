/**
 * The QA view cannot be broken by data (issue 19): numbers as script and item titles (their sort threw
 * and blanked the Quality tab for good), an outcome whose `toString` is not a function (the call's
 * detail did not open), and rows it cannot summarize at all: the calls, or a notice, are shown, and
 * "Remove imported files" stays in reach.
 */
import {expect} from '@open-wc/testing';
import Dexie from 'dexie';
import {AaQaView} from '../../src/components/qa-view/qa-view.js';
import type {ImportedCall, QaCall} from '../../src/model/call-log.js';
import {parseLogFile} from '../../src/qa/log-file.js';
import {AssistDb} from '../../src/storage/assist-db.js';
import {importLogFile, listQaCalls} from '../../src/storage/log-queries.js';
import {logText} from '../unit/qa/log-file-fixtures.js';
import {contextHost} from './harness.js';

if (!customElements.get('aa-qa-view')) customElements.define('aa-qa-view', AaQaView);

async function view(calls: QaCall[]): Promise<AaQaView> {
  const el = document.createElement('aa-qa-view');
  el.calls = calls;
  el.loadTimeline = async () => ({events: []});
  (await contextHost('en')).append(el);
  await el.updateComplete;
  return el;
}

const text = (e: Element | null) => e?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const buttons = (el: AaQaView) => [...el.shadowRoot!.querySelectorAll('button')].map(text);
const rows = (el: AaQaView) => [...el.shadowRoot!.querySelectorAll('table.calls tbody tr')];

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** A database holding one good import and the rows an earlier build wrote for a hostile file. */
async function hostileRows(): Promise<QaCall[]> {
  const name = `qa-hostile-${crypto.randomUUID()}`;
  names.push(name);
  const db = new AssistDb(name);
  await importLogFile(db, 'team.json', parseLogFile(await logText({calls: 2}), 'team.json'));
  const [row] = await db.imports.toArray();
  await db.imports.put({
    ...row!,
    source: 'hostile.json',
    scriptTitle: 42,
    outcome: {toString: 1},
    report: {
      ...row!.report,
      items: [
        {id: 'a', title: 7, category: 'procedure', weight: 1, status: 'missed'},
        {id: 'b', title: 'Verify', category: 'procedure', weight: 1, status: 'missed'},
      ],
    },
  } as unknown as ImportedCall);
  const calls = await listQaCalls(db);
  db.close();
  return calls;
}

describe('<aa-qa-view> with hostile data', () => {
  it('should list calls an earlier build imported with numbers as titles and an object outcome, and open them', async () => {
    const el = await view(await hostileRows());
    expect(rows(el)).to.have.length(3);
    expect(rows(el).map((r) => text(r.querySelectorAll('td')[2]!))).to.include('42');
    expect(text(el.shadowRoot!.querySelector('ol.missed'))).to.contain('7');
    expect(buttons(el)).to.include('Remove imported files');
    const hostile = rows(el).find((r) => text(r).includes('hostile.json'))!;
    hostile.querySelector<HTMLButtonElement>('td button')!.click();
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    expect(text(el.shadowRoot!.querySelector('.detail'))).to.contain('Outcome: {"toString":1}');
  });

  it('should sort numbers as titles when given them directly', async () => {
    const calls = await hostileRows();
    const raw = calls.map((c) =>
      c.source === 'hostile.json' ? ({...c, scriptTitle: 42 as unknown as string} as QaCall) : c
    );
    raw[0]!.report.items = [
      {id: 'x', title: 5 as unknown as string, category: 'procedure', weight: 1, status: 'missed'},
    ];
    const el = await view(raw);
    expect(rows(el)).to.have.length(3);
  });

  it('should keep "Remove imported files" in reach when the calls cannot be summarized at all', async () => {
    const calls = await hostileRows();
    const broken = calls.map((c) =>
      c.source === 'hostile.json' ? ({...c, report: {...c.report, items: 3}} as unknown as QaCall) : c
    );
    const warn = console.warn;
    console.warn = () => {};
    let el: AaQaView;
    try {
      el = await view(broken);
    } finally {
      console.warn = warn;
    }
    expect(text(el.shadowRoot!.querySelector('[role=alert]'))).to.contain(
      'Some imported calls cannot be shown'
    );
    expect(buttons(el)).to.include('Remove imported files');
    let cleared = false;
    el.addEventListener('aa-internal-qa-clear', () => (cleared = true));
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => text(b) === 'Remove imported files')!.click();
    expect(cleared).to.equal(true);
  });
});
