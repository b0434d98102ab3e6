/**
 * Fault scenarios from reliability.md run against the built widget in a fresh, isolated browser context
 * (its own storage), so a wiped database cannot disturb the tests running beside it.
 */
import {expect} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';

type Step = {eval: string} | {clearStorage: true} | {crashAndReopen: true};

async function crmPage(): Promise<string> {
  return (await executeServerCommand<string, {html: string}>('aa-copy-dist', {
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CRM</title>
      <script>window.__aaErrors = []; document.addEventListener('aa-error', (e) => __aaErrors.push(e.detail.code));</script>
      <script type="module" src="../static/vendor/agent-assist/agent-assist.js"></script></head>
      <body><agent-assist lang="en" agent-id="a-fault" queue="billing"></agent-assist></body></html>`,
  }))!;
}

const run = (url: string, steps: Step[]) =>
  executeServerCommand<unknown[], {url: string; steps: Step[]}>('aa-isolated-run', {url, steps});

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
});
