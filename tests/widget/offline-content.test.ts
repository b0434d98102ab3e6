/**
 * Content offline in the in-page embed: after one visit, with the content pack's server unreachable, a
 * reload still renders the knowledge base, searches it (the worker reads the index kept in IndexedDB),
 * runs a call and logs it. A newer pack that arrives during a call waits for the call to end.
 */
import {expect} from '@open-wc/testing';
import {CACHED_FILES, crmPage, run} from './isolated-page.js';

const HELPERS = `await customElements.whenDefined('agent-assist');
  window.el = document.querySelector('agent-assist');
  const waitFor = async (test) => { for (let i = 0; i < 200 && !(await test()); i++) await new Promise((r) => setTimeout(r, 25)); return test(); };`;

describe('content offline (built widget, in-page embed)', function () {
  this.timeout(30_000);

  it('should start from the saved pack when its server cannot be reached, search it and run a call', async () => {
    const url = await crmPage();
    const results = (await run(url, [
      {
        eval: `${HELPERS}
          const hits = await el.search('refund');
          // The pack and the index are saved once they verified (the worker saves the index).
          ${CACHED_FILES}
          await waitForCache();
          if ((await cachedFiles()) < 4) throw new Error('the pack was not saved');
          return hits.map((h) => h.id);`,
      },
      {block: '**/kb/**'},
      {reload: true},
      {
        eval: `${HELPERS}
          const hits = await el.search('refund');
          const titles = () => el.shadowRoot.querySelector('aa-knowledge-panel')?.shadowRoot.querySelectorAll('.article-link').length ?? 0;
          await waitFor(() => titles() > 0);
          const {callId} = await el.startCall({scriptId: 'billing-inbound'});
          await el.checkItem('greeting');
          await el.completeStep();
          const report = await el.endCall();
          return {hits: hits.map((h) => h.id), browse: titles(), errors: __aaErrors, report: report.callId === callId, verify: await el.verifyLog({callId})};`,
      },
    ])) as [
      string[],
      null,
      null,
      {hits: string[]; browse: number; errors: string[]; report: boolean; verify: {ok: boolean}},
    ];
    const online = results[0];
    const offline = results[3];
    expect(online.length).to.be.greaterThan(0);
    expect(offline.hits).to.deep.equal(online);
    expect(offline.browse).to.be.greaterThan(0);
    expect(offline.report).to.equal(true);
    expect(offline.verify.ok).to.equal(true);
    // The host hears that the pack could not be refreshed, and nothing else went wrong.
    expect(offline.errors).to.deep.equal(['pack-unavailable']);
  });
});
