/**
 * Fault scenarios from reliability.md run against the built widget in a fresh, isolated browser context
 * (its own storage), so a wiped database cannot disturb the tests running beside it.
 */
import {expect} from '@open-wc/testing';
import {crmPage, run} from './isolated-page.js';

describe('fault scenarios (built widget, isolated context)', () => {
  it('should notice a database wiped under a running call, refuse to log, and never start a new chain', async () => {
    const url = await crmPage();
    const status = `(await el.getCall()).items.find((i) => i.id === id).status`;
    const results = await run(url, [
      {
        eval: `await customElements.whenDefined('agent-assist');
          window.el = document.querySelector('agent-assist');
          await el.startCall({scriptId: 'billing-inbound'});
          await el.checkItem('greeting');
          const id = 'greeting';
          return ${status};`,
      },
      {clearStorage: true},
      {
        eval: `const banner = () => el.shadowRoot.querySelector('.banner');
          for (let i = 0; i < 100 && !banner(); i++) await new Promise((r) => setTimeout(r, 20));
          let outcome = 'ticked';
          await el.checkItem('recording-notice').catch((e) => (outcome = e.message));
          const id = 'recording-notice';
          // Dexie 4 may recreate the deleted database empty when its connection is force-closed; what
          // matters is that nothing is written into it as if the log had carried on.
          const exists = (await indexedDB.databases()).some((d) => d.name === 'agent-assist');
          const events = !exists ? 0 : await new Promise((resolve) => {
            const req = indexedDB.open('agent-assist');
            req.onsuccess = () => {
              const db = req.result;
              if (!db.objectStoreNames.contains('events')) return resolve(0);
              const count = db.transaction('events').objectStore('events').count();
              count.onsuccess = () => resolve(count.result);
            };
          });
          return {banner: banner()?.textContent.trim() ?? null, outcome, status: ${status}, errors: __aaErrors, events};`,
      },
    ]);
    expect(results[0]).to.equal('done');
    const after = results[2] as {
      banner: string | null;
      outcome: string;
      status: string;
      errors: string[];
      events: number;
    };
    expect(after.banner).to.contain('The local call log was deleted');
    expect(after.outcome).to.contain('the local event log was deleted or replaced');
    // The tick was refused, not shown as done.
    expect(after.status).to.equal('open');
    expect(after.errors).to.include('log-lost');
    // No new chain was started in a recreated database.
    expect(after.events).to.equal(0);
  });

  it('should resume a call after the tab crashed, with every acknowledged event kept once', async function () {
    this.timeout(30_000);
    const url = await crmPage();
    const results = await run(url, [
      {
        eval: `await customElements.whenDefined('agent-assist');
          const el = document.querySelector('agent-assist');
          const {callId} = await el.startCall({scriptId: 'billing-inbound'});
          await el.completeStep();
          await el.checkItem('greeting');
          await el.completeStep();
          return {callId, call: await el.getCall()};`,
      },
      {crashAndReopen: true},
      {
        eval: `await customElements.whenDefined('agent-assist');
          const el = document.querySelector('agent-assist');
          const call = await el.getCall();
          const blob = await el.exportLog({format: 'json'});
          const log = JSON.parse(await blob.text());
          const types = log.events.filter((e) => e.callId === call.callId).map((e) => e.seq + ':' + e.type);
          return {call, types, verify: await el.verifyLog({callId: call.callId})};`,
      },
    ]);
    const before = results[0] as {
      callId: string;
      call: {stepId: string; items: {id: string; status: string}[]};
    };
    const after = results[2] as {
      call: {callId: string; stepId: string; items: {id: string; status: string}[]};
      types: string[];
      verify: {ok: boolean; checked: number};
    };
    expect(after.call).to.deep.equal(before.call);
    expect(after.call.stepId).to.equal('verify-id');
    expect(after.types).to.deep.equal(['1:call-start', '2:step-complete', '3:item-check', '4:step-complete']);
    expect(after.verify).to.deep.equal({ok: true, checked: 4});
  });

  it('should keep one writer per call across two real tabs, the second read-only until it takes over', async function () {
    this.timeout(30_000);
    const url = await crmPage();
    const ready = `await customElements.whenDefined('agent-assist');
      window.el = document.querySelector('agent-assist');
      const panel = () => el.shadowRoot.querySelector('aa-checklist-view');`;
    const tryTick = (id: string) => `await el.checkItem('${id}').then(() => 'ticked', (e) => e.message)`;
    const results = await run(url, [
      {
        tab: 0,
        eval: `${ready} const {callId} = await el.startCall({scriptId: 'billing-inbound'}); return callId;`,
      },
      // The agent opens the CRM again: the second tab resumes the same call, read-only.
      {
        tab: 1,
        eval: `${ready} const call = await el.getCall();
          for (let i = 0; i < 50 && !panel().readOnly; i++) await new Promise((r) => setTimeout(r, 20));
          return {callId: call.callId, readOnly: panel().readOnly, tick: ${tryTick('greeting')}};`,
      },
      {tab: 0, eval: `${ready} await el.checkItem('greeting'); await el.completeStep(); return 'ok';`},
      // The mirror follows the writer.
      {
        tab: 1,
        eval: `${ready} for (let i = 0; i < 100; i++) {
            const c = await el.getCall();
            if (c.stepId === 'recording-notice') return c.items.find((x) => x.id === 'greeting').status;
            await new Promise((r) => setTimeout(r, 20));
          }
          return 'not mirrored';`,
      },
      {tab: 0, close: true},
      // The writing tab is gone: the second takes the call over and writes on top of the same chain.
      {
        tab: 1,
        eval: `${ready} for (let i = 0; i < 100 && panel().readOnly; i++) await new Promise((r) => setTimeout(r, 20));
          const tick = ${tryTick('recording-notice')};
          await el.completeStep();
          const callId = (await el.getCall()).callId;
          await el.endCall();
          const log = JSON.parse(await (await el.exportLog({format: 'json'})).text());
          const seqs = log.events.filter((e) => e.callId === callId).map((e) => e.seq);
          return {tick, seqs, verify: await el.verifyLog({callId})};`,
      },
    ]);
    const callId = results[0] as string;
    expect(results[1]).to.deep.equal({
      callId,
      readOnly: true,
      tick: `agent-assist: call "${callId}" is open in another tab; this tab only shows it (use that tab)`,
    });
    expect(results[3]).to.equal('done');
    const last = results[5] as {tick: string; seqs: number[]; verify: {ok: boolean; checked: number}};
    expect(last.tick).to.equal('ticked');
    expect(last.seqs).to.deep.equal([1, 2, 3, 4, 5, 6]);
    expect(last.verify).to.deep.equal({ok: true, checked: 6});
  });

  it('should let a newer build upgrade the database mid-call, tell the agent, and never reload', async function () {
    this.timeout(30_000);
    const url = await crmPage();
    const results = await run(url, [
      {
        tab: 0,
        eval: `await customElements.whenDefined('agent-assist');
          window.el = document.querySelector('agent-assist');
          window.loads = (window.loads ?? 0) + 1;
          await el.startCall({scriptId: 'billing-inbound'});
          await el.checkItem('greeting');
          return 'ok';`,
      },
      // A newer build in another tab opens the database at a higher version (its upgrade must not be
      // blocked by the running call's connection).
      {
        tab: 1,
        eval: `const current = (await indexedDB.databases()).find((d) => d.name === 'agent-assist').version;
          return await new Promise((resolve) => {
          const req = indexedDB.open('agent-assist', current + 10);
          req.onblocked = () => resolve('blocked');
          req.onsuccess = () => { const v = req.result.version; req.result.close(); resolve({current, opened: v}); };
          req.onerror = () => resolve('error ' + req.error);
        });`,
      },
      {
        tab: 0,
        eval: `const banner = () => el.shadowRoot.querySelector('.banner');
          for (let i = 0; i < 100 && !banner(); i++) await new Promise((r) => setTimeout(r, 20));
          return {banner: banner()?.textContent.trim() ?? null, loads: window.loads, callId: (await el.getCall())?.callId ?? null};`,
      },
    ]);
    // Whatever this build's schema version is, the newer one opened (not blocked) above it.
    const upgrade = results[1] as {current: number; opened: number};
    expect(upgrade.opened).to.equal(upgrade.current + 10);
    const after = results[2] as {banner: string | null; loads: number; callId: string | null};
    expect(after.banner).to.equal(
      'A newer version of Agent Assist was opened in another tab, so this tab can no longer save. Reload the page: your call resumes where it is.'
    );
    // The page was not reloaded and the call is still on screen.
    expect(after.loads).to.equal(1);
    expect(after.callId).to.be.a('string');
  });

  it('should keep working on an in-memory log when the browser refuses local storage, and say so', async () => {
    // As in private modes or with storage blocked by policy: opening any database fails.
    const url = await crmPage(`<script>
      indexedDB.open = () => { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); };
    </script>`);
    const [after] = await run(url, [
      {
        eval: `await customElements.whenDefined('agent-assist');
          const el = document.querySelector('agent-assist');
          const banner = () => el.shadowRoot.querySelector('.banner');
          const {callId} = await el.startCall({scriptId: 'billing-inbound'});
          await el.checkItem('greeting', {source: 'host'});
          await el.completeStep();
          const status = (await el.getCall()).items.find((i) => i.id === 'greeting').status;
          const report = await el.endCall();
          const hits = await el.search('bill');
          return {
            banner: banner()?.textContent.trim() ?? null,
            status,
            step: report.items.find((i) => i.kind === 'step' && i.id === 'greet').status,
            verify: await el.verifyLog({callId}),
            errors: __aaErrors,
            hits: hits.length,
          };`,
      },
    ]);
    const result = after as {
      banner: string | null;
      status: string;
      step: string;
      verify: {ok: boolean; checked: number};
      errors: string[];
      hits: number;
    };
    expect(result.banner).to.contain('Call logging is not durable in this browser');
    // The call runs as usual: ticks, steps, the report, the chain.
    expect(result.status).to.equal('done');
    expect(result.step).to.equal('done');
    expect(result.verify).to.deep.equal({ok: true, checked: 4});
    expect(result.errors).to.deep.equal(['storage-unavailable']);
    expect(result.hits).to.be.greaterThan(0);
  });

  it('should say so when a lazy view cannot be loaded, report not-available, and keep search working', async () => {
    // A deploy that lost the QA view's chunk (or a network that cannot reach it).
    const url = await crmPage('', 'section="qa"', ['qa-view-']);
    const [result] = (await run(url, [
      {
        eval: `await customElements.whenDefined('agent-assist');
          const el = document.querySelector('agent-assist');
          const alert = () => el.shadowRoot.querySelector('#panel-qa [role=alert]');
          for (let i = 0; i < 100 && !alert(); i++) await new Promise((r) => setTimeout(r, 20));
          const hits = await el.search('refund');
          return {text: alert()?.textContent.trim() ?? null, errors: __aaErrors, hits: hits.length, defined: !!customElements.get('aa-qa-view')};`,
      },
    ])) as [{text: string | null; errors: string[]; hits: number; defined: boolean}];
    expect(result.text).to.contain('could not be loaded');
    expect(result.errors).to.deep.equal(['not-available']);
    expect(result.defined).to.equal(false);
    expect(result.hits).to.be.greaterThan(0);
  });
});
