import {expect} from '@open-wc/testing';
import {buildContentPack} from '../../../src/build/build-content-pack.js';
import {readArticles} from '../../../src/content/articles-file.js';
import {cacheFile, clearPackCache} from '../../../src/content/pack-cache.js';
import type {PackManifest} from '../../../src/content/pack-types.js';
import {articlesOf} from '../../support/pack-articles.js';
import {article} from './fixtures.js';

/** The message a promise rejects with (fails the test when it resolves). */
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail('expected a rejection'),
    (err: Error) => err.message
  );

/** A pack served by a fake fetch (`online` false: every request fails as a network error). */
async function servedPack() {
  const build = await buildContentPack(
    [
      article('articles/billing/refunds.md', {title: 'Refunds'}, 'Credit up to $50.'),
      article('articles/billing/fees.md', {title: 'Fees'}, 'A late fee applies.'),
    ],
    {builtAt: '2026-11-01T00:00:00.000Z', today: '2026-11-22'}
  );
  const files = new Map(build.files!.map((f) => [`https://kb.test/${f.path}`, f.source]));
  const state = {online: true, fetched: 0};
  const fetchImpl = (async (url: string) => {
    state.fetched++;
    if (!state.online) throw new TypeError('Failed to fetch');
    const text = files.get(String(url));
    return text === undefined ? new Response('', {status: 404}) : new Response(text as BodyInit);
  }) as typeof fetch;
  const manifest = build.manifest as PackManifest;
  const expected = articlesOf(files.get(`https://kb.test/${manifest.files.articles.path}`) as Uint8Array);
  return {manifestUrl: 'https://kb.test/manifest.json', manifest, fetchImpl, state, expected};
}

/** readArticles, as the article objects its table holds. */
const readAll = (...args: Parameters<typeof readArticles>) => readArticles(...args).then((t) => t.articles());

describe('readArticles', () => {
  beforeEach(() => clearPackCache());

  it('should fetch and check the articles, and keep their bytes for an offline start', async () => {
    const {manifestUrl, manifest, fetchImpl, state, expected} = await servedPack();
    const ref = manifest.files.articles;
    expect(await rejection(readArticles(manifestUrl, ref, 'saved', fetchImpl))).to.match(/not kept offline/);
    expect(await readAll(manifestUrl, ref, 'network', fetchImpl)).to.deep.equal(expected);
    // Kept in the background: wait for it.
    for (let i = 0; i < 100; i++) {
      const got = await readArticles(manifestUrl, ref, 'saved', fetchImpl).catch(() => null);
      if (got) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    // Online, `any` reads the kept copy (same SHA-256) instead of fetching the file again.
    const fetched = state.fetched;
    expect(await readAll(manifestUrl, ref, 'any', fetchImpl)).to.deep.equal(expected);
    expect(state.fetched, 'a kept copy is read first').to.equal(fetched);
    state.online = false;
    expect(await readAll(manifestUrl, ref, 'saved', fetchImpl)).to.deep.equal(expected);
    expect(await readAll(manifestUrl, ref, 'any', fetchImpl)).to.deep.equal(expected);
    expect(await rejection(readArticles(manifestUrl, ref, 'network', fetchImpl))).to.match(/could not fetch/);
    expect(state.fetched, 'saved reads never touch the network').to.equal(fetched + 1);
  });

  it('should refuse a kept copy that no longer matches the manifest, and accept an older widget’s', async () => {
    const {manifestUrl, manifest, fetchImpl, expected} = await servedPack();
    const ref = manifest.files.articles;
    await cacheFile(ref.sha256, {bytes: new TextEncoder().encode('[]')});
    expect(await rejection(readArticles(manifestUrl, ref, 'saved', fetchImpl))).to.match(
      /truncated or corrupt/
    );
    // `any` passes over the bad copy to the network.
    expect(await readAll(manifestUrl, ref, 'any', fetchImpl)).to.deep.equal(expected);
    await clearPackCache();
    // Widgets before the articles moved to the worker kept the parsed list itself.
    await cacheFile(ref.sha256, expected);
    expect(await readAll(manifestUrl, ref, 'saved', fetchImpl)).to.deep.equal(expected);
  });

  it('should refuse an articles file of the wrong shape', async () => {
    const {manifestUrl, manifest} = await servedPack();
    const text = JSON.stringify([{id: 'a'}]);
    const bytes = new TextEncoder().encode(text);
    const {sha256Hex} = await import('../../../src/internal/sha256.js');
    const ref = {...manifest.files.articles, bytes: bytes.length, sha256: await sha256Hex(bytes)};
    const fetchImpl = (async () => new Response(text)) as unknown as typeof fetch;
    expect(await rejection(readArticles(manifestUrl, ref, 'network', fetchImpl))).to.match(
      /entry 0 has no "title"/
    );
  });
});
