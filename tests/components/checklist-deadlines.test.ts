/**
 * A call with deadline items through the real element on real IndexedDB, scored end to end against a
 * report computed by hand: host and keyboard ticks, an item turning overdue, a skip with a chosen reason.
 * (The pack and the ways to the checklist view are checklist-harness.ts's, shared with checklist.test.ts.)
 */
import {expect, oneEvent, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import type {AdherenceItem} from '../../src/model/report.js';
import {AssistDb} from '../../src/storage/assist-db.js';
import {callEvents, verifyChain} from '../../src/storage/event-log.js';
import {defineElements} from '../../widget/define-elements.js';
import {box, checklistView, rendered, row, showChecklist, statusOf, widget} from './checklist-harness.js';

defineElements();

describe('compliance checklists, end to end', () => {
  it('should score a call with deadline items end to end, exactly as computed by hand', async () => {
    const el = await widget(`agent-${crypto.randomUUID()}`);
    const changes: string[] = [];
    el.addEventListener('aa-checklist-change', (e) =>
      changes.push(`${e.detail.itemId}:${e.detail.status}${e.detail.reason ? `:${e.detail.reason}` : ''}`)
    );
    const {callId} = await el.startCall();
    await showChecklist(el);
    // Deadline items count down; critical items are marked.
    expect(row(el, 'notice').textContent).to.match(/due in [123] s/);
    expect(row(el, 'notice').querySelector('.critical')).to.not.equal(null);
    expect(row(el, 'consent').textContent).to.contain('due before "Greet"'.replace('Greet', 'Verify'));
    // The host's IVR played the notice: ticked by the host, logged with its source.
    await el.checkItem('notice', {source: 'host'});
    await rendered(el);
    expect(box(el, 'notice').checked).to.equal(true);
    expect(row(el, 'notice').textContent).to.contain('by the desktop');
    // The greeting item turns overdue after its 1 s deadline.
    await waitUntil(() => row(el, 'greeting').classList.contains('overdue'), 'greeting never overdue', {
      timeout: 4000,
    });
    expect(row(el, 'greeting').textContent).to.match(/overdue by \d+ s/);
    // Ticked from the keyboard: late.
    box(el, 'greeting').focus();
    let changed = oneEvent(el, 'aa-checklist-change');
    await sendKeys({press: 'Space'});
    await changed;
    await rendered(el);
    expect(box(el, 'greeting').checked).to.equal(true);
    expect(row(el, 'greeting').textContent).to.match(/late: done at [\d.]+ s, due 1\.0 s/);
    // Greet done: "verify" is entered, so consent (due before verify) ticked now is late.
    await el.completeStep();
    await el.checkItem('consent');
    // Items the checklist does not let agents skip offer no Skip.
    await rendered(el);
    expect(row(el, 'refusal').querySelector('[data-skip]')).to.equal(null);
    expect(row(el, 'notice').querySelector('[data-skip]')).to.equal(null);
    // Skipping asks for one of the checklist's reasons, none chosen beforehand: confirming at once logs nothing.
    row(el, 'identity').querySelector<HTMLButtonElement>('[data-skip]')!.click();
    await rendered(el);
    const form = row(el, 'identity').querySelector('form')!;
    const radios = [...form.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    expect(radios.map((r) => [r.value, r.checked])).to.deep.equal([
      ['Customer in a hurry', false],
      ['Verified by the IVR', false],
    ]);
    expect(form.querySelector('input[type=text]'), 'no free text: the checklist lists its reasons').to.equal(
      null
    );
    expect(radios[0] === checklistView(el).shadowRoot!.activeElement).to.equal(true);
    await sendKeys({press: 'Enter'});
    await rendered(el);
    expect(form.querySelector('.skip-hint')!.hasAttribute('data-show')).to.equal(true);
    expect((await statusOf(el)).identity).to.equal('open');
    // 2 picks the second reason, Enter confirms; focus comes back to the item's box.
    changed = oneEvent(el, 'aa-checklist-change');
    await sendKeys({press: '2'});
    await sendKeys({press: 'Enter'});
    await changed;
    await rendered(el);
    // (Put back once the skip is saved and drawn: the event can come first.)
    await waitUntil(
      () => checklistView(el).shadowRoot!.activeElement === box(el, 'identity'),
      "focus did not come back to the item's box"
    );
    await el.completeStep({branch: 'help'});
    await el.completeStep();
    await el.completeStep();
    expect(await statusOf(el)).to.deep.equal({
      notice: 'done',
      consent: 'late',
      identity: 'skipped',
      refusal: 'n/a',
      greeting: 'late',
      'wrap-up': 'open',
    });
    const ended = oneEvent(el, 'aa-call-end');
    const report = await el.endCall({outcome: 'resolved'});
    expect((await ended).detail).to.deep.equal(report);
    const items = new Map(report.items.map((i: AdherenceItem) => [`${i.kind}:${i.id}`, i]));
    expect(items.get('item:notice')).to.deep.include({
      status: 'done',
      deadline: 3,
      critical: true,
      weight: 2,
    });
    expect(items.get('item:notice')!.at).to.be.below(3);
    expect(items.get('item:consent')!.status).to.equal('late');
    expect(items.get('item:consent')!.at).to.be.above(items.get('item:consent')!.deadline!);
    // A skipped critical item leaves the denominator but is flagged for QA review.
    expect(items.get('item:identity')).to.deep.include({
      status: 'skipped',
      reason: 'Verified by the IVR',
      review: true,
    });
    expect(report.review).to.equal(true);
    expect(items.get('item:refusal')!.status).to.equal('n/a');
    expect(items.get('item:greeting')).to.deep.include({status: 'late', deadline: 1, category: 'etiquette'});
    expect(items.get('item:wrap-up')).to.deep.include({status: 'missed', category: 'knowledge', weight: 3});
    expect(
      ['greet', 'verify', 'help', 'refuse', 'bye'].map((s) => items.get(`step:${s}`)!.status)
    ).to.deep.equal(['done', 'done', 'done', 'n/a', 'done']);
    // By hand: procedure (notice 2 + consent 0.5 + steps 4) / (2 + 1 + 4) = 92.9; etiquette 0.5 / 1 = 50;
    // knowledge 0 / 3 = 0; overall (6.5 + 0.5 + 0) / (7 + 1 + 3) = 63.6. Identity (skipped) and refusal (n/a)
    // leave the denominator; nothing critical was missed.
    expect(report.byCategory).to.deep.equal({procedure: 92.9, etiquette: 50, knowledge: 0});
    expect(report.score).to.equal(63.6);
    expect(report.criticalFailed).to.equal(false);
    expect(changes).to.deep.equal([
      // The status each event carries is the item's standing as getCall() and the report give it.
      'notice:done',
      'greeting:late',
      'consent:late',
      'identity:skipped:Verified by the IVR',
    ]);
    // The log holds each tick once, with its source and no customer data; the chain verifies.
    const db = new AssistDb();
    try {
      const events = await callEvents(db, callId);
      expect(events.filter((e) => e.type.startsWith('item-')).map((e) => [e.type, e.data])).to.deep.equal([
        ['item-check', {itemId: 'notice', source: 'host'}],
        ['item-check', {itemId: 'greeting', source: 'agent'}],
        ['item-check', {itemId: 'consent', source: 'agent'}],
        ['item-skip', {itemId: 'identity', reason: 'Verified by the IVR'}],
      ]);
      expect(await verifyChain(events)).to.deep.equal({ok: true, checked: events.length});
      expect((await db.calls.get(callId))!.report).to.deep.equal(report);
      // The QA view's summary row was written with the call's last event.
      expect(await db.reports.get(callId)).to.deep.include({
        source: 'local',
        report,
        scriptTitle: 'Deadline test',
        outcome: 'resolved',
        eventCount: 10,
        chain: {ok: true, checked: 10},
      });
    } finally {
      db.close();
    }
    // call-start, four item events, four steps, call-end.
    expect(await el.verifyLog({callId})).to.deep.equal({ok: true, checked: 10});
  });
});
