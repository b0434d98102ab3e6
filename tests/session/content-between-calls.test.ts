/**
 * A newer content pack deployed during a call is applied when the call ends, never mid-call: the agent
 * keeps the articles in front of them (and search keeps matching them) until then.
 */
import {expect} from '@open-wc/testing';
import {buildContentPack} from '../../src/build/build-content-pack.js';
import {DEFAULT_SETTINGS} from '../../src/config/parse-attributes.js';
import {AgentAssistCore} from '../../src/session/agent-assist-core.js';
import {AssistDb} from '../../src/storage/assist-db.js';
import {serveFiles} from '../support/served-files.js';
import {article} from '../unit/content/fixtures.js';

/** Writes a one-article pack into `dir` (a fresh folder when absent); returns the folder's URL path. */
async function deploy(title: string, dir?: string): Promise<string> {
  const build = await buildContentPack(
    [article('articles/billing/refunds.md', {title}, `${title}: up to $50.`)],
    {
      builtAt: '2026-11-01T00:00:00.000Z',
      today: '2026-11-22',
    }
  );
  return serveFiles(build.files!, dir);
}

describe('content updates between calls', function () {
  this.timeout(20_000);

  it('should hold a pack deployed mid-call until the call ends', async () => {
    const base = await deploy('Refunds');
    const dir = base.split('/').filter(Boolean).at(-1)!;
    const dbName = `between-${crypto.randomUUID()}`;
    const core = new AgentAssistCore({
      dbName,
      defaultPackUrl: new URL(`${base}manifest.json`, location.href).href,
    });
    const updates: string[] = [];
    core.addEventListener('aa-content-update', (e) => updates.push((e as CustomEvent).detail.contentHash));
    core.configure({...DEFAULT_SETTINGS, agentId: 'agent-between'});
    try {
      await core.listScripts();
      const first = core.content.pack!.manifest.contentHash;
      await core.startCall({callId: 'between-1'});
      await deploy('Refunds, new policy', dir);
      await core.refreshContent();
      // Mid-call: the pack in use is still the one the call started with.
      expect(core.content.pack!.manifest.contentHash).to.equal(first);
      expect(core.content.pack!.articles.field('title', 0)).to.equal('Refunds');
      expect(updates).to.deep.equal([first]);
      await core.endCall();
      // Between calls: the new pack is applied, and the host hears it.
      expect(core.content.pack!.articles.field('title', 0)).to.equal('Refunds, new policy');
      expect(updates).to.have.length(2);
      expect(updates[1]).to.not.equal(first);
      // Without a call, a newer pack applies at once.
      await deploy('Refunds, newest', dir);
      await core.refreshContent();
      expect(core.content.pack!.articles.field('title', 0)).to.equal('Refunds, newest');
    } finally {
      core.disconnect();
      await new AssistDb(dbName).delete();
    }
  });
});
