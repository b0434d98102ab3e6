/**
 * The log never doubles or loses a compliance event (reliability.md): faults injected into the real
 * IndexedDB of the built widget in an isolated context, each checked exactly — every acknowledged action
 * stored once, sequence 1..n without gaps, the chain verifying, nothing after `call-end`.
 */
import {expect} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';
import type {LogEvent} from '../../src/model/call-log.js';
import {verifyChain} from '../../src/storage/event-log.js';
import {CACHED_FILES, crmPage, run, runOwnBrowser} from './isolated-page.js';

/**
 * Fault injection, run before the widget: `__aaFault.plan` lists what happens to the next read-write
 * transactions on the event log, one entry each: `throw` (the connection is lost before anything is
 * written: `transaction()` throws UnknownError), `lost-after-commit` (the transaction commits, but the
 * page hears UnknownError, as when WebKit loses its IndexedDB server right after the commit).
 */
const CONNECTION_FAULTS = `
  window.__aaFault = {plan: [], injected: 0};
  const lost = () => new DOMException(
    'Connection to Indexed Database server lost. Refresh the page to try again', 'UnknownError');
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, options) {
    const names = typeof stores === 'string' ? [stores] : [...stores];
    const fault = mode === 'readwrite' && names.includes('events') ? __aaFault.plan.shift() : undefined;
    if (fault === undefined) return transaction.call(this, stores, mode, options);
    __aaFault.injected++;
    if (fault === 'throw') throw lost();
    const tx = transaction.call(this, stores, mode, options);
    let onerror = null;
    const error = lost();
    Object.defineProperty(tx, 'error', {get: () => error});
    Object.defineProperty(tx, 'onerror', {get: () => onerror, set: (h) => (onerror = h)});
    Object.defineProperty(tx, 'oncomplete', {
      get: () => null,
      set: () => tx.addEventListener('complete', () => onerror && onerror.call(tx, new Event('error'))),
    });
    return tx;
  };`;

/**
 * Gates the next per-call Web Lock request of a page (`gateNextCallLock()`, then `openGate()`): the
 * window in which a second tab can open a call that the first has not locked yet.
 */
const LOCK_GATE = `
  const request = LockManager.prototype.request;
  let gate = null;
  window.gateNextCallLock = () => {
    let open;
    gate = new Promise((resolve) => (open = resolve));
    window.openGate = open;
  };
  LockManager.prototype.request = function (name, ...rest) {
    if (gate && String(name).includes(':call:')) {
      const wait = gate;
      gate = null;
      return wait.then(() => request.call(this, name, ...rest));
    }
    return request.call(this, name, ...rest);
  };`;

/** The page's steps share these helpers. */
const HELPERS = `await customElements.whenDefined('agent-assist');
  window.el = document.querySelector('agent-assist');
  const status = async (id) => (await el.getCall()).items.find((i) => i.id === id).status;
  const outcome = (p) => p.then(() => 'ok', (e) => e.message);
  window.__aaFault ??= {injected: 0};`;

/** The call's logged events as `seq:type[:itemId]`, the ids, and the chain check. */
const LOGGED = `const log = JSON.parse(await (await el.exportLog({format: 'json'})).text());
  const events = log.events.filter((e) => e.callId === callId);
  return {
    events: events.map((e) => [e.seq, e.type, e.data.itemId].filter((x) => x !== undefined).join(':')),
    ids: new Set(events.map((e) => e.eventId)).size,
    verify: await el.verifyLog({callId}),
    injected: __aaFault.injected,
  };`;

describe('log faults (reliability.md scenarios, built widget)', function () {
  this.timeout(30_000);

  it('scenario 10: a connection lost before or after the commit logs each tick exactly once', async () => {
    const url = await crmPage();
    const [result] = (await run(
      url,
      [
        {
          eval: `${HELPERS}
            const {callId} = await el.startCall({scriptId: 'billing-inbound'});
            await el.checkItem('greeting');
            // Committed, but reported lost: the retry must find its own event, not log a second one.
            __aaFault.plan.push('lost-after-commit');
            const afterCommit = await outcome(el.checkItem('recording-notice'));
            // Lost before the commit: reopened and written once.
            __aaFault.plan.push('throw');
            const beforeCommit = await outcome(el.checkItem('data-consent'));
            // Lost twice: the tick is refused, shown as not done, and nothing is stored.
            __aaFault.plan.push('throw', 'throw');
            const twice = await outcome(el.checkItem('security-question'));
            const refused = await status('security-question');
            await el.endCall();
            const logged = await (async () => {${LOGGED}})();
            return {afterCommit, beforeCommit, twice, refused, logged};`,
        },
      ],
      CONNECTION_FAULTS
    )) as [
      {
        afterCommit: string;
        beforeCommit: string;
        twice: string;
        refused: string;
        logged: {events: string[]; ids: number; verify: {ok: boolean; checked: number}; injected: number};
      },
    ];
    expect(result.afterCommit).to.equal('ok');
    expect(result.beforeCommit).to.equal('ok');
    expect(result.twice).to.match(/^agent-assist: checkItem\(\) failed: /);
    expect(result.refused).to.equal('open');
    expect(result.logged.injected).to.equal(4);
    expect(result.logged.events).to.deep.equal([
      '1:call-start',
      '2:item-check:greeting',
      '3:item-check:recording-notice',
      '4:item-check:data-consent',
      '5:call-end',
    ]);
    expect(result.logged.ids).to.equal(5);
    expect(result.logged.verify).to.deep.equal({ok: true, checked: 5});
  });

  it('scenario 5: a tab opened while another starts a call never writes it (the writer is decided first)', async () => {
    const url = await crmPage();
    const results = (await run(
      url,
      [
        // Tab 0 starts a call, its call lock request held back.
        {
          tab: 0,
          eval: `${HELPERS}
            gateNextCallLock();
            window.__start = el.startCall({callId: 'race-1', scriptId: 'billing-inbound'});
            await new Promise((r) => setTimeout(r, 300));
            return 'starting';`,
        },
        // Tab 1 opens in that window and tries to tick.
        {tab: 1, eval: `${HELPERS} return outcome(el.checkItem('greeting'));`},
        // Tab 0 gets its lock, ticks and ends the call.
        {
          tab: 0,
          eval: `${HELPERS}
            openGate();
            const started = await outcome(__start);
            const tick = await outcome(el.checkItem('recording-notice'));
            return {started, tick};`,
        },
        // A third tab opened mid-call shows it read-only.
        {
          tab: 2,
          eval: `${HELPERS}
            const call = await el.getCall();
            return {readOnly: call && call.readOnly, tick: await outcome(el.checkItem('data-consent'))};`,
        },
        {
          tab: 0,
          eval: `${HELPERS} const report = await el.endCall(); return report.items.find((i) => i.id === 'greeting' && i.kind === 'item').status;`,
        },
        // After the end, tab 1 still cannot log anything to the call.
        {tab: 1, eval: `${HELPERS} return outcome(el.checkItem('data-consent'));`},
        {tab: 0, eval: `${HELPERS} const callId = 'race-1'; ${LOGGED}`},
      ],
      LOCK_GATE
    )) as unknown[];
    const [, tab1Tick, tab0, tab2, greeting, tab1After, logged] = results as [
      unknown,
      string,
      {started: string; tick: string},
      {readOnly: boolean; tick: string},
      string,
      string,
      {events: string[]; verify: {ok: boolean; checked: number}},
    ];
    expect(tab0).to.deep.equal({started: 'ok', tick: 'ok'});
    expect(tab1Tick).to.not.equal('ok');
    expect(tab2.readOnly).to.equal(true);
    expect(tab2.tick).to.contain('is open in another tab');
    expect(tab1After).to.not.equal('ok');
    expect(greeting).to.equal('missed');
    expect(logged.events).to.deep.equal(['1:call-start', '2:item-check:recording-notice', '3:call-end']);
    expect(logged.verify).to.deep.equal({ok: true, checked: 3});
  });

  it('scenario 42: a host that patches Array.prototype.toJSON changes neither hashes, exports nor uploads', async () => {
    // Prototype.js turns arrays into strings when JSON.stringify meets them.
    const prototypeJs = `<script>Array.prototype.toJSON = function () { return '[' + this.map(String).join(', ') + ']'; };</script>`;
    // Uploaded to the fault receiver, which checks each request's bytes (tests/support/upload-check.mjs).
    const name = `prototype-js-${Date.now()}`;
    type ReceiverView = {stored: string[]; requests: {problems: string[]}[]};
    const receiver = (reset = false) =>
      executeServerCommand<ReceiverView, {name: string; reset: boolean}>('aa-receiver', {name, reset});
    await receiver(true);
    const syncUrl = new URL(`/aa-receiver/${name}/events`, location.href).href;
    const url = await crmPage(prototypeJs, `retention-days="1" sync-url="${syncUrl}"`);
    /** Waits until the page's widget has uploaded every event (a call is purged only once uploaded). */
    const UPLOADED = `for (let i = 0; i < 300; i++) {
        if ((el.shadowRoot.querySelector('.badge.sync')?.textContent ?? '').trim().startsWith('All uploaded')) break;
        await new Promise((r) => setTimeout(r, 50));
      }`;
    /** Raw IndexedDB reads in the page, so nothing of the widget's serializes them. */
    const RAW = `const raw = (callId) => new Promise((resolve, reject) => {
        const req = indexedDB.open('agent-assist');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const q = req.result.transaction('events').objectStore('events').index('callId').getAll(callId);
          q.onsuccess = () => { req.result.close(); resolve(q.result.sort((a, b) => a.seq - b.seq)); };
        };
      });`;
    const results = (await run(url, [
      {
        eval: `${HELPERS}
          const {callId} = await el.startCall({callId: 'old-call', scriptId: 'billing-inbound'});
          await el.skipItem('greeting', 'Customer in a hurry');
          await el.endCall();
          // Ended three days ago: the next start purges it, logging the purged ids (an array) in the chain.
          await new Promise((resolve) => {
            const req = indexedDB.open('agent-assist');
            req.onsuccess = () => {
              const tx = req.result.transaction('calls', 'readwrite');
              const calls = tx.objectStore('calls');
              calls.get(callId).onsuccess = (e) => {
                calls.put({...e.target.result, endedAt: new Date(Date.now() - 3 * 86400000).toISOString()});
              };
              tx.oncomplete = () => { req.result.close(); resolve(); };
            };
          });
          ${UPLOADED}
          return callId;`,
      },
      {crashAndReopen: true},
      {
        eval: `${HELPERS} ${RAW}
          let purge = [];
          for (let i = 0; i < 100 && purge.length === 0; i++) {
            purge = await raw('log-maintenance');
            if (purge.length === 0) await new Promise((r) => setTimeout(r, 50));
          }
          const {callId} = await el.startCall({callId: 'new-call', scriptId: 'billing-inbound'});
          await el.checkItem('greeting');
          await el.endCall();
          ${UPLOADED}
          const file = await (await el.exportLog({format: 'json'})).text();
          return {purge, file, stored: await raw(callId), verify: await el.verifyLog()};`,
      },
    ])) as [string, null, {purge: LogEvent[]; file: string; stored: LogEvent[]; verify: {ok: boolean}}];
    const {purge, file, stored, verify} = results[2];
    expect(verify.ok).to.equal(true);
    // The purge event holds arrays: hashed under the patch, it verifies here, in a clean page.
    expect(purge.map((e) => e.type)).to.deep.equal(['retention-purge']);
    expect(purge[0]!.data.callIds).to.deep.equal(['old-call']);
    expect(await verifyChain(purge)).to.deep.equal({ok: true, checked: 1});
    // The exported file holds real arrays, the same events as the database, and verifies here.
    const log = JSON.parse(file) as {calls: {callId: string; items: unknown[]}[]; events: LogEvent[]};
    expect(Array.isArray(log.calls) && Array.isArray(log.events)).to.equal(true);
    expect(log.calls.map((c) => c.callId)).to.deep.equal(['new-call']);
    expect(Array.isArray(log.calls[0]!.items) && log.calls[0]!.items.length > 0).to.equal(true);
    const exported = log.events.filter((e) => e.callId === 'new-call');
    expect(exported.map((e) => e.eventId)).to.deep.equal(stored.map((e) => e.eventId));
    expect(await verifyChain(exported)).to.deep.equal({ok: true, checked: 3});
    // Uploaded too, the purge's array included: every request byte-correct as the server sees it.
    const view = (await receiver())!;
    expect(view.stored).to.include.members([purge[0]!.eventId, ...stored.map((e) => e.eventId)]);
    expect(view.stored).to.have.length(3 + 1 + 3);
    for (const request of view.requests) expect(request.problems).to.deep.equal([]);
  });

  it('scenario 8 across a reload: a log wiped while the page was closed is noticed and said once', async () => {
    const url = await crmPage();
    const banner = `const banner = () => el.shadowRoot.querySelector('.banner')?.textContent.trim() ?? null;`;
    const results = (await run(url, [
      {
        eval: `${HELPERS} ${banner}
          await el.startCall({callId: 'before-wipe', scriptId: 'billing-inbound'});
          await el.checkItem('greeting');
          return {banner: banner(), errors: __aaErrors};`,
      },
      {wipeWhileClosed: true},
      {
        eval: `${HELPERS} ${banner}
          const call = await el.getCall();
          for (let i = 0; i < 100 && !banner(); i++) await new Promise((r) => setTimeout(r, 20));
          // New calls are logged as usual, on a new chain.
          const {callId} = await el.startCall({callId: 'after-wipe', scriptId: 'billing-inbound'});
          const tick = await outcome(el.checkItem('greeting'));
          await el.endCall();
          return {call, banner: banner(), errors: __aaErrors, tick, verify: await el.verifyLog({callId})};`,
      },
      {crashAndReopen: true},
      {
        eval: `${HELPERS} ${banner}
          await el.getCall();
          await new Promise((r) => setTimeout(r, 300));
          return {banner: banner(), errors: __aaErrors};`,
      },
    ])) as [
      {banner: string | null; errors: string[]},
      null,
      {
        call: unknown;
        banner: string | null;
        errors: string[];
        tick: string;
        verify: {ok: boolean; checked: number};
      },
      null,
      {banner: string | null; errors: string[]},
    ];
    expect(results[0]).to.deep.equal({banner: null, errors: []});
    const after = results[2];
    expect(after.call).to.equal(null);
    expect(after.banner).to.contain('cleared while Agent Assist was closed');
    expect(after.errors).to.deep.equal(['log-lost']);
    expect(after.tick).to.equal('ok');
    expect(after.verify).to.deep.equal({ok: true, checked: 3});
    // Said once: the next page uses the new log without alarm.
    expect(results[4]).to.deep.equal({banner: null, errors: []});
  });

  it('scenario 45: an edit, a deletion or a reorder in the real database is caught by verifyLog', async () => {
    const url = await crmPage();
    /** Changes the stored events of a call with a raw IndexedDB transaction, as someone with devtools could. */
    const TAMPER = `const tamper = (callId, change) => new Promise((resolve, reject) => {
        const req = indexedDB.open('agent-assist');
        req.onsuccess = () => {
          const tx = req.result.transaction('events', 'readwrite');
          const store = tx.objectStore('events');
          store.index('callId').getAll(callId).onsuccess = (e) => change(store, e.target.result.sort((a, b) => a.seq - b.seq));
          tx.oncomplete = () => { req.result.close(); resolve(); };
          tx.onerror = () => reject(tx.error);
        };
      });
      const call = async (callId) => {
        await el.startCall({callId, scriptId: 'billing-inbound'});
        await el.checkItem('greeting');
        await el.skipItem('data-consent', 'IVR played it');
        await el.completeStep();
        await el.endCall();
      };`;
    const [r] = (await run(url, [
      {
        eval: `${HELPERS} ${TAMPER}
          await call('edited'); await call('deleted'); await call('reordered');
          const clean = await el.verifyLog();
          let editedId, reorderedId;
          await tamper('edited', (store, events) => {
            const e = events[2];
            editedId = e.eventId;
            store.put({...e, data: {...e.data, reason: 'Customer refused'}});
          });
          await tamper('deleted', (store, events) => store.delete(events[1].eventId));
          await tamper('reordered', (store, events) => {
            const [a, b] = [events[1], events[2]];
            reorderedId = b.eventId;
            store.delete(a.eventId);
            store.delete(b.eventId);
            store.put({...a, seq: b.seq});
            store.put({...b, seq: a.seq});
          });
          const verify = {
            edited: await el.verifyLog({callId: 'edited'}),
            deleted: await el.verifyLog({callId: 'deleted'}),
            reordered: await el.verifyLog({callId: 'reordered'}),
            all: await el.verifyLog(),
          };
          // Later calls are not blocked by a broken one.
          await call('later');
          return {clean, verify, editedId, reorderedId, later: await el.verifyLog({callId: 'later'})};`,
      },
    ])) as [
      {
        clean: {ok: boolean};
        verify: Record<
          'edited' | 'deleted' | 'reordered' | 'all',
          {ok: boolean; checked: number; brokenAt?: string}
        >;
        editedId: string;
        reorderedId: string;
        later: {ok: boolean; checked: number};
      },
    ];
    expect(r.clean.ok).to.equal(true);
    expect(r.verify.edited).to.deep.equal({ok: false, checked: 2, brokenAt: r.editedId});
    expect(r.verify.deleted).to.deep.include({ok: false, brokenAt: 'deleted seq 2'});
    expect(r.verify.reordered).to.deep.equal({ok: false, checked: 1, brokenAt: r.reorderedId});
    expect(r.verify.all.ok).to.equal(false);
    expect(r.later).to.deep.equal({ok: true, checked: 5});
  });

  it('scenario 11: a full quota drops the cached content first, then refuses a tick through the real AbortError path, losing nothing', async () => {
    const url = await crmPage();
    /** Fills the origin's quota with random (incompressible) bytes in another database, to the last bytes. */
    const BALLAST = `const db = await new Promise((resolve, reject) => {
        const q = indexedDB.open('ballast', 1);
        q.onupgradeneeded = () => q.result.createObjectStore('b');
        q.onsuccess = () => resolve(q.result);
        q.onerror = () => reject(q.error);
      });
      const put = (key, size) => new Promise((resolve) => {
        const tx = db.transaction('b', 'readwrite');
        tx.objectStore('b').put(crypto.getRandomValues(new Uint8Array(size)).buffer, key);
        tx.oncomplete = () => resolve(null);
        tx.onabort = () => resolve(tx.error && tx.error.name);
      });
      let key = 0;
      const fill = async () => {
        const refusals = [];
        for (const size of [65536, 8192, 1024, 128]) {
          for (let i = 0; i < 400; i++) {
            const refused = await put(key++, size);
            if (refused) { refusals.push(refused); break; }
          }
        }
        return refusals;
      };`;
    const results = (await runOwnBrowser(
      url,
      [
        {
          eval: `${HELPERS}
            const {callId} = await el.startCall({callId: 'quota-1', scriptId: 'billing-inbound'});
            await el.checkItem('greeting');
            ${BALLAST} ${CACHED_FILES}
            await waitForCache();
            const cachedBefore = await cachedFiles();
            const refusals = await fill();
            // Full: the offline copy of the content is dropped to make room, and the tick is saved.
            const first = await outcome(el.checkItem('greeting'));
            const cachedAfter = await cachedFiles();
            // Full again, nothing left to drop: the tick is refused.
            refusals.push(...(await fill()));
            const tick = await el.checkItem('recording-notice').then(() => 'ok', (e) => ({message: e.message, code: e.code}));
            const standing = await status('recording-notice');
            const shown = el.shadowRoot.querySelector('aa-checklist-view').error;
            // Space comes back (the ballast goes): the same tick works, nothing before it was lost.
            db.close();
            await new Promise((r) => { const d = indexedDB.deleteDatabase('ballast'); d.onsuccess = d.onerror = r; });
            const again = await outcome(el.checkItem('recording-notice'));
            await el.endCall();
            const logged = await (async () => {${LOGGED}})();
            return {refusals, cachedBefore, first, cachedAfter, tick, standing, shown, again, errors: __aaErrors, logged};`,
        },
      ],
      2 * 1024 * 1024
    )) as [
      {
        refusals: string[];
        cachedBefore: number;
        first: string;
        cachedAfter: number;
        tick: string | {message: string; code: string};
        standing: string;
        shown: string | null;
        again: string;
        errors: string[];
        logged: {events: string[]; verify: {ok: boolean; checked: number}};
      },
    ];
    const r = results[0];
    expect(r.refusals).to.deep.equal(Array(8).fill('QuotaExceededError'));
    expect(r.cachedBefore).to.be.greaterThan(0);
    expect(r.first).to.equal('ok');
    expect(r.cachedAfter).to.equal(0);
    expect(r.tick).to.deep.include({code: 'storage-full'});
    expect((r.tick as {message: string}).message).to.match(
      /^agent-assist: checkItem\(\) failed: the browser's storage for this site is full/
    );
    expect(r.standing).to.equal('open');
    expect(r.shown).to.contain('not saved, so it is not ticked');
    expect(r.errors).to.deep.equal(['storage-full']);
    expect(r.again).to.equal('ok');
    expect(r.logged.events).to.deep.equal([
      '1:call-start',
      '2:item-check:greeting',
      '3:item-check:greeting',
      '4:item-check:recording-notice',
      '5:call-end',
    ]);
    expect(r.logged.verify).to.deep.equal({ok: true, checked: 5});
  });

  it('scenario 2: the browser killed while ticks are being written keeps every acknowledged one, whole', async function () {
    this.timeout(60_000);
    const url = await crmPage();
    const results = (await runOwnBrowser(url, [
      {
        eval: `${HELPERS} await el.startCall({callId: 'killed', scriptId: 'billing-inbound'}); return 'started';`,
      },
      {
        // Up to 2,000 ticks as fast as they commit; the whole browser is SIGKILLed in the middle.
        killDuring: `${HELPERS}
          for (let n = 1; n <= 2000; n++) {
            await el.checkItem(n % 2 ? 'greeting' : 'recording-notice');
            __aaAck(n);
          }`,
        afterMs: 1500,
      },
      {
        eval: `${HELPERS}
          const call = await el.getCall();
          const callId = 'killed';
          const log = JSON.parse(await (await el.exportLog({format: 'json'})).text());
          const events = log.events.filter((e) => e.callId === callId);
          return {
            resumed: call && call.callId,
            seqs: events.map((e) => e.seq),
            ticks: events.filter((e) => e.type === 'item-check').length,
            calls: log.calls.filter((c) => c.callId === callId).length,
            verify: await el.verifyLog({callId}),
          };`,
      },
    ])) as [
      string,
      {acked: number},
      {resumed: string; seqs: number[]; ticks: number; calls: number; verify: {ok: boolean; checked: number}},
    ];
    const {acked} = results[1];
    const after = results[2];
    // The kill came mid-stream: some ticks acknowledged, not all.
    expect(acked).to.be.greaterThan(0);
    expect(acked).to.be.lessThan(2000);
    expect(after.resumed).to.equal('killed');
    expect(after.calls).to.equal(1);
    // Every acknowledged tick is there (the page's reports reach the test a little late, so more may have
    // been acknowledged and stored than it heard of), each whole, in order.
    expect(after.ticks).to.be.within(acked, 2000);
    expect(after.seqs).to.deep.equal(after.seqs.map((_, i) => i + 1));
    expect(after.verify).to.deep.equal({ok: true, checked: after.ticks + 1});
  });
});
