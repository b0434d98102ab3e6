import {expect} from '@open-wc/testing';
import {AppUpdate, RELOADED_KEY} from '../../src/session/app-update.js';
import type {AppUpdateNotice} from '../../src/session/app-update.js';

/** A host that records what the gate did; `calling` says whether a call runs. */
function host(session = new Map<string, string>()) {
  const log: string[] = [];
  const state = {calling: false, installed: false};
  return {
    log,
    state,
    session,
    update: new AppUpdate({
      inCall: async () => state.calling,
      skipWaiting: () => log.push('skip-waiting'),
      hasWaiting: async () => state.installed,
      reload: () => log.push('reload'),
      notify: (n: AppUpdateNotice) => log.push(`notice:${n}`),
      session: {getItem: (k) => session.get(k) ?? null, setItem: (k, v) => void session.set(k, v)},
    }),
  };
}

describe('AppUpdate', () => {
  it('should hold an update found during a call until the call ends, then take over and reload once', async () => {
    const h = host();
    h.state.calling = true;
    await h.update.waiting(false);
    expect(h.log).to.deep.equal(['notice:after-call']);
    h.state.calling = false;
    h.update.callEnded();
    await h.update.controlling();
    expect(h.log).to.deep.equal(['notice:after-call', 'skip-waiting', 'reload']);
    expect(h.session.has(RELOADED_KEY)).to.equal(true);
  });

  it('should apply an update already waiting at load when no call was resumed', async () => {
    const h = host();
    await h.update.waiting(true);
    expect(h.log).to.deep.equal(['skip-waiting']);
  });

  it('should apply at a call end an update installed but not yet announced, and then offer nothing', async () => {
    const h = host();
    h.update.callStarted();
    await h.update.callEnded();
    expect(h.log, 'nothing waits').to.deep.equal([]);
    // workbox-window announces a waiting worker 200 ms after it is installed; the call ended in between.
    h.update.callStarted();
    h.state.installed = true;
    await h.update.callEnded();
    expect(h.log).to.deep.equal(['skip-waiting']);
    await h.update.waiting(false);
    expect(h.log, 'the late announcement changes nothing').to.deep.equal(['skip-waiting']);
    await h.update.controlling();
    expect(h.log).to.deep.equal(['skip-waiting', 'reload']);
    // A later version (another deploy) is offered again.
    await h.update.waiting(false);
    expect(h.log.at(-1)).to.equal('notice:ready');
  });

  it('should offer an update found between calls, not apply it by itself', async () => {
    const h = host();
    await h.update.waiting(false);
    expect(h.log).to.deep.equal(['notice:ready']);
    h.update.callStarted();
    expect(h.log.at(-1)).to.equal('notice:after-call');
  });

  it('should never reload automatically twice in one tab session, but let the agent ask', async () => {
    const h = host(new Map([[RELOADED_KEY, 'earlier']]));
    await h.update.waiting(true);
    h.update.callEnded();
    expect(h.log).to.deep.equal(['notice:ready', 'notice:ready']);
    await h.update.applyNow();
    await h.update.controlling();
    expect(h.log.slice(2)).to.deep.equal(['skip-waiting', 'reload']);
  });

  it('should not reload a page on a call when another tab let the new version take over', async () => {
    const h = host();
    h.state.calling = true;
    await h.update.controlling();
    expect(h.log).to.deep.equal(['notice:after-call']);
    await h.update.applyNow();
    expect(h.log).to.deep.equal(['notice:after-call']);
    h.state.calling = false;
    h.update.callEnded();
    expect(h.log).to.deep.equal(['notice:after-call', 'reload']);
  });
});
