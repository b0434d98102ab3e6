/**
 * Compliance checklists through the real element on real IndexedDB (the call with deadline items scored
 * end to end is in checklist-deadlines.test.ts): ticks from the keyboard and from the host, a failed
 * write leaving the item unticked, a reload losing nothing, two "tabs" on one call, and the QA view
 * reviewing imported team files.
 */
import {expect, fixture, html, oneEvent, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import type {AgentAssist} from '../../src/components/agent-assist/agent-assist.js';
import {AssistDb} from '../../src/storage/assist-db.js';
import {appendEvent, callEvents, verifyChain} from '../../src/storage/event-log.js';
import {defineElements} from '../../widget/define-elements.js';
import {
  box,
  checklistView,
  rendered,
  row,
  showChecklist,
  statusOf,
  testPack,
  widget,
} from './checklist-harness.js';
import {shell} from './harness.js';

defineElements();

describe('compliance checklists', () => {
  it('should leave an item unticked and say why when its write fails (storage full)', async () => {
    const el = await widget(`agent-${crypto.randomUUID()}`);
    await el.startCall();
    await showChecklist(el);
    const add = IDBObjectStore.prototype.add;
    IDBObjectStore.prototype.add = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const errors: string[] = [];
    el.addEventListener('aa-error', (e) => errors.push(e.detail.code));
    try {
      box(el, 'notice').click();
      await waitUntil(() => checklistView(el).error !== null, 'no error shown');
    } finally {
      IDBObjectStore.prototype.add = add;
    }
    await rendered(el);
    expect(box(el, 'notice').checked).to.equal(false);
    expect(checklistView(el).shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain(
      "not saved, so it is not ticked: the browser's storage for this site is full"
    );
    expect(errors).to.deep.equal(['storage-full']);
    expect((await statusOf(el)).notice).to.equal('open');
    // A host's tick that fails the same way rejects naming the method, with the error's code.
    IDBObjectStore.prototype.add = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const failed = await el.checkItem('notice', {source: 'host'}).then(
      () => null,
      (e: Error & {code?: string}) => e
    );
    IDBObjectStore.prototype.add = add;
    expect(failed?.message).to.match(
      /^agent-assist: checkItem\(\) failed: the browser's storage for this site is full/
    );
    expect(failed?.code).to.equal('storage-full');
    // Once space is back, the same tick works.
    await el.checkItem('notice');
    expect((await statusOf(el)).notice).to.equal('done');
    await el.endCall();
  });

  it("should show the step's checklist items in the script and tick the next one with C", async function () {
    this.timeout(30_000);
    const el = await widget(`agent-${crypto.randomUUID()}`);
    await el.startCall();
    const script = shell(el).querySelector('aa-script-view')!;
    await script.updateComplete;
    const boxes = () => [...script.shadowRoot!.querySelectorAll<HTMLInputElement>('.step-items input')];
    expect(boxes().map((b) => b.dataset.itemBox)).to.deep.equal(['notice', 'consent']);
    // startCall puts focus in the script (once it has rendered: later on a loaded machine).
    await waitUntil(
      () => script.shadowRoot!.activeElement === script.shadowRoot!.querySelector('.script'),
      'startCall did not put focus in the script',
      {timeout: 10_000}
    );
    // C ticks the first open item of the step, logged like any tick.
    let changed = oneEvent(el, 'aa-checklist-change');
    await sendKeys({press: 'c'});
    expect((await changed).detail).to.deep.include({itemId: 'notice', status: 'done'});
    await el.updateComplete;
    await script.updateComplete;
    expect(boxes().map((b) => b.checked)).to.deep.equal([true, false]);
    // C leaves focus on the script, so its keys go on working (put back once the tick is saved and drawn).
    await waitUntil(
      () => script.shadowRoot!.activeElement === script.shadowRoot!.querySelector('.script'),
      'focus left the script after C'
    );
    // Space on a box in the script ticks too, and focus stays on it.
    boxes()[1]!.focus();
    changed = oneEvent(el, 'aa-checklist-change');
    await sendKeys({press: 'Space'});
    expect((await changed).detail.itemId).to.equal('consent');
    await el.updateComplete;
    await script.updateComplete;
    await waitUntil(() => script.shadowRoot!.activeElement === boxes()[1], 'focus left the box');
    expect(await statusOf(el)).to.deep.include({notice: 'done', consent: 'done'});
    await el.endCall();
  });

  it('should be accessible with a running call, a skip form open and the step checklist shown', async () => {
    const el = await widget(`agent-${crypto.randomUUID()}`);
    await el.startCall();
    await el.checkItem('notice', {source: 'host'});
    await el.skipItem('greeting', 'Customer in a hurry');
    await rendered(el);
    await expect(shell(el).querySelector('aa-script-view')).to.be.accessible();
    await showChecklist(el);
    row(el, 'consent').querySelector<HTMLButtonElement>('[data-skip]')!.click();
    await rendered(el);
    await expect(checklistView(el)).to.be.accessible();
    await el.endCall();
  });

  it('should reject unknown items and empty reasons, naming what was expected', async () => {
    const el = await widget(`agent-${crypto.randomUUID()}`);
    await el.startCall();
    const errorOf = (p: Promise<unknown>) =>
      p.then(
        () => '',
        (e: Error) => e.message
      );
    expect(await errorOf(el.checkItem('nope'))).to.equal(
      'agent-assist: checkItem() expected the id of a checklist item of this call ("notice", "consent", "identity", "refusal", "greeting", "wrap-up"); got "nope"'
    );
    expect(await errorOf(el.checkItem('notice', {source: 'ivr' as 'host'}))).to.equal(
      'agent-assist: checkItem() expected source to be "agent" or "host", got "ivr"'
    );
    expect(await errorOf(el.skipItem('notice', ''))).to.equal(
      'agent-assist: skipItem() expected a reason (a non-empty string) as the second argument'
    );
    // The checklist's skip rules hold for hosts too: a critical item it does not list, a reason it does not.
    expect(await errorOf(el.skipItem('notice', 'Customer in a hurry'))).to.equal(
      'agent-assist: skipItem() refused: item "notice" may not be skipped (a critical item its checklist does not let agents skip)'
    );
    expect(await errorOf(el.skipItem('identity', 'customer refused'))).to.equal(
      'agent-assist: skipItem() refused: item "identity" may be skipped only with one of its checklist\'s reasons: "Customer in a hurry", "Verified by the IVR"'
    );
    await el.endCall();
  });

  it('should lose nothing when the page reloads mid-call', async () => {
    const agent = `agent-${crypto.randomUUID()}`;
    const first = await widget(agent);
    const {callId} = await first.startCall();
    await first.checkItem('notice', {source: 'host'});
    await first.completeStep();
    await first.skipItem('identity', 'Customer in a hurry');
    const before = await first.getCall();
    first.remove();
    // The page stays closed a moment: that time still counts towards the call's deadlines.
    await new Promise((r) => setTimeout(r, 700));
    const again = await widget(agent);
    expect(await again.getCall()).to.deep.equal(before);
    await showChecklist(again);
    expect(box(again, 'notice').checked).to.equal(true);
    expect(row(again, 'identity').textContent).to.contain('skipped: Customer in a hurry');
    await again.checkItem('consent');
    const db = new AssistDb();
    try {
      const [skip, consent] = (await callEvents(db, callId)).slice(-2);
      expect(consent!.offset - skip!.offset).to.be.at.least(0.7);
    } finally {
      db.close();
    }
    const report = await again.endCall();
    expect(report.items.find((i) => i.id === 'notice')!.status).to.equal('done');
    expect(await again.verifyLog({callId})).to.deep.equal({ok: true, checked: 6});
  });

  it('should let one tab write a call while a second mirrors it read-only, then take over', async () => {
    const agent = `agent-${crypto.randomUUID()}`;
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const a = await widget(agent, host);
    const {callId} = await a.startCall();
    const b = await widget(agent, host);
    expect((await b.getCall())!.callId).to.equal(callId);
    await showChecklist(b);
    expect(checklistView(b).readOnly).to.equal(true);
    expect(checklistView(b).shadowRoot!.textContent).to.contain('open in another tab');
    expect(box(b, 'notice').disabled).to.equal(true);
    const refused = await b.checkItem('notice').then(
      () => '',
      (e: Error) => e.message
    );
    expect(refused).to.contain('is open in another tab');
    // The writer's ticks show in the mirror.
    await a.checkItem('notice');
    await waitUntil(async () => (await statusOf(b)).notice === 'done', 'mirror never updated');
    // The writing tab goes away: the other takes over and writes on top of the same chain.
    a.remove();
    await waitUntil(() => !checklistView(b).readOnly, 'second tab never took over', {timeout: 3000});
    await b.checkItem('consent');
    await b.completeStep();
    await b.endCall();
    const db = new AssistDb();
    try {
      const events = await callEvents(db, callId);
      expect(events.map((e) => e.seq)).to.deep.equal(events.map((_, i) => i + 1));
      expect(events.map((e) => e.type)).to.deep.equal([
        'call-start',
        'item-check',
        'item-check',
        'step-complete',
        'call-end',
      ]);
      expect((await verifyChain(events)).ok).to.equal(true);
    } finally {
      db.close();
    }
  });
});

describe('QA view', () => {
  it('should show the calls of imported team files, flag a tampered one, and open a call timeline', async () => {
    const since = new Date().toISOString();
    const files: File[] = [];
    for (const agent of [`mei-${crypto.randomUUID()}`, `li-${crypto.randomUUID()}`]) {
      const el = await widget(agent);
      const {callId} = await el.startCall();
      await el.checkItem('notice', {source: 'host'});
      await el.completeStep();
      await el.endCall();
      const blob = await el.exportLog({format: 'json', since});
      const data = JSON.parse(await blob.text()) as {calls: {callId: string}[]; events: {callId: string}[]};
      // Keep this agent's call only (other test files may log at the same time).
      data.calls = data.calls.filter((c) => c.callId === callId);
      data.events = data.events.filter((e) => e.callId === callId);
      files.push(new File([JSON.stringify(data)], `${agent}.json`, {type: 'application/json'}));
      el.remove();
    }
    const tampered = JSON.parse(await files[1]!.text()) as {events: {data: Record<string, unknown>}[]};
    tampered.events[1]!.data = {itemId: 'notice', source: 'agent'};
    files.push(new File([JSON.stringify(tampered)], 'tampered.json'));

    const el = document.createElement('agent-assist') as AgentAssist;
    el.setAttribute('lang', 'en');
    el.setAttribute('section', 'qa');
    el.setAttribute('agent-id', `qa-${crypto.randomUUID()}`);
    el.setAttribute('pack-url', await testPack());
    (await fixture(html`<div></div>`)).append(el);
    await waitUntil(
      () => shell(el).querySelector('aa-qa-view')?.shadowRoot?.querySelector('input[type=file]'),
      'no QA view',
      {timeout: 5000}
    );
    const qa = shell(el).querySelector('aa-qa-view')!;
    const input = qa.shadowRoot!.querySelector<HTMLInputElement>('input[type=file]')!;
    const transfer = new DataTransfer();
    for (const f of files) transfer.items.add(f);
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', {bubbles: true}));
    const rowsFrom = (source: string) =>
      [...qa.shadowRoot!.querySelectorAll('table.calls tbody tr')].filter((tr) =>
        tr.textContent!.includes(source)
      );
    await waitUntil(() => rowsFrom('tampered.json').length === 1, 'imported calls never listed', {
      timeout: 5000,
    });
    const [mei] = rowsFrom(files[0]!.name);
    const [li] = rowsFrom(files[1]!.name);
    const [bad] = rowsFrom('tampered.json');
    expect(mei!.textContent).to.contain(files[0]!.name.replace('.json', ''));
    expect(mei!.textContent).to.contain('Deadline test');
    expect(li!.querySelector('.ok')).to.not.equal(null);
    expect(bad!.querySelector('.broken')).to.not.equal(null);
    expect(qa.shadowRoot!.querySelector('.message')!.textContent).to.contain(
      'tampered.json: 1 call imported, 1 with a broken hash chain'
    );
    // The imported file's agents appear in the agent filter.
    const agents = [...qa.shadowRoot!.querySelectorAll('select option')].map((o) => o.textContent!.trim());
    expect(agents.some((a) => a.startsWith('mei-'))).to.equal(true);
    expect(agents.some((a) => a.startsWith('li-'))).to.equal(true);
    // A call's timeline: its items against their deadlines and its logged events in order.
    mei!.querySelector<HTMLButtonElement>('button')!.click();
    await waitUntil(() => qa.shadowRoot!.querySelectorAll('ol.events li').length === 4, 'no timeline', {
      timeout: 3000,
    });
    const events = [...qa.shadowRoot!.querySelectorAll('ol.events li')].map((li) => li.textContent!);
    expect(events[0]).to.contain('call-start');
    expect(events[1]).to.contain('item-check');
    expect(events[3]).to.contain('call-end');
    expect(qa.shadowRoot!.querySelector('ul.items')!.textContent).to.contain('Recording notice played');
    // A local call edited after it ended: the list shows the check made at the end, its timeline the truth.
    const db = new AssistDb();
    let localCall: string;
    try {
      localCall = (await db.reports.toArray()).find(
        (r) => r.report.agentId === agents.find((a) => a.startsWith('mei-'))
      )!.callId;
      const [, second] = await callEvents(db, localCall);
      await db.events.put({...second!, data: {itemId: 'notice', source: 'agent'}});
    } finally {
      db.close();
    }
    expect(localCall).to.be.a('string');
    // Back to the list; removing the imported files leaves this browser's own calls.
    [...qa.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')]
      .find((b) => b.textContent!.includes('Back'))!
      .click();
    await waitUntil(() => qa.shadowRoot!.querySelector('table.calls'), 'list not back');
    [...qa.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')]
      .find((b) => b.textContent!.trim() === 'Remove imported files')!
      .click();
    await waitUntil(() => rowsFrom('tampered.json').length === 0, 'imports never removed', {timeout: 5000});
    expect(rowsFrom(files[0]!.name)).to.have.length(0);
    // The QA view reloads its list when a call ends; this one ended before it opened, so it is listed.
    const local = [...qa.shadowRoot!.querySelectorAll('table.calls tbody tr')].find((tr) =>
      tr.textContent!.includes(agents.find((a) => a.startsWith('mei-'))!)
    )!;
    expect(local.querySelector('.ok')).to.not.equal(null);
    local.querySelector<HTMLButtonElement>('button')!.click();
    await waitUntil(() => qa.shadowRoot!.querySelector('.detail .broken'), 'edit not found on opening', {
      timeout: 3000,
    });
    expect(qa.shadowRoot!.querySelector('.detail .broken')!.textContent).to.contain('broken at');
  });
});

describe('storage health and retention', () => {
  it('should say when storage is best-effort or nearly full', async () => {
    const storage = navigator.storage;
    const saved = {persisted: storage.persisted, persist: storage.persist, estimate: storage.estimate};
    storage.persisted = async () => false;
    storage.persist = async () => false;
    storage.estimate = async () => ({usage: 850, quota: 1000});
    try {
      const el = await widget(`agent-${crypto.randomUUID()}`);
      await el.startCall();
      await waitUntil(() => shell(el).querySelector('.badge.warn'), 'no storage warning');
      const badges = [...shell(el).querySelectorAll('.badge')].map((b) => b.textContent!.trim());
      // In the agent's words; the detail for QA and IT in the tooltip.
      expect(badges).to.deep.equal(['This computer only', 'Storage 85% full']);
      expect(shell(el).querySelector('.badge')!.getAttribute('title')).to.contain('best-effort');
      await el.endCall();
    } finally {
      Object.assign(storage, saved);
    }
  });

  it('should purge ended calls older than retention-days at start-up, and log the purge', async () => {
    const db = new AssistDb();
    const oldId = `old-${crypto.randomUUID()}`;
    const recentId = `recent-${crypto.randomUUID()}`;
    const day = 86_400_000;
    try {
      for (const [callId, age] of [
        [oldId, 40],
        [recentId, 2],
      ] as const) {
        const endedAt = new Date(Date.now() - age * day).toISOString();
        await db.calls.add({
          callId,
          agentId: 'a-old',
          status: 'ended',
          startedAt: endedAt,
          startedMono: 0,
          endedAt,
          packHash: 'p',
          scriptId: null,
          script: null,
          items: [],
        });
        await appendEvent(db, {
          callId,
          agentId: 'a-old',
          type: 'call-start',
          packVersion: 'p',
          callStartMono: 0,
        });
      }
      const el = document.createElement('agent-assist') as AgentAssist;
      el.setAttribute('agent-id', `agent-${crypto.randomUUID()}`);
      el.setAttribute('retention-days', '30');
      el.setAttribute('pack-url', await testPack());
      (await fixture(html`<div></div>`)).append(el);
      await waitUntil(async () => (await db.calls.get(oldId)) === undefined, 'old call never purged', {
        timeout: 5000,
      });
      expect(await db.events.where('callId').equals(oldId).count()).to.equal(0);
      expect(await db.calls.get(recentId)).to.not.equal(undefined);
      const purges = (await callEvents(db, 'log-maintenance')).filter((e) =>
        (e.data.callIds as string[]).includes(oldId)
      );
      expect(purges.map((e) => [e.type, e.data.days])).to.deep.equal([['retention-purge', 30]]);
      expect((await verifyChain(await callEvents(db, 'log-maintenance'))).ok).to.equal(true);
    } finally {
      db.close();
    }
  });

  it('should refuse a bad retention-days value, naming what was expected', async () => {
    const el = document.createElement('agent-assist') as AgentAssist;
    el.setAttribute('retention-days', '0');
    const error = oneEvent(el, 'aa-error');
    (await fixture(html`<div></div>`)).append(el);
    expect((await error).detail.message).to.equal(
      'agent-assist: retention-days="0" is not valid; expected a whole number of days from 1 to 3650. Using no purge.'
    );
  });
});
