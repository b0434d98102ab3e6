/**
 * JSON text the host page cannot change: the same RFC 8785 text as the `canonicalize` package on plain
 * data (so chains hashed before stay valid), and unchanged under a Prototype.js-style patched
 * `Array.prototype.toJSON` (reliability.md scenario 42 and known failure 28).
 */
import {expect} from '@open-wc/testing';
import canonicalize from 'canonicalize';
import {jsonText} from '../../../src/internal/json-text.js';
import {hashEvent} from '../../../src/storage/event-log.js';

const SAMPLES: unknown[] = [
  {b: 1, a: [1, 'two', {z: null, y: true}], c: {}},
  {eventId: 'e-1', data: {callIds: ['c-2', 'c-1'], days: 30, reason: 'Kunde 客户 "quoted" \\ \n'}, seq: 3},
  [0, -0, 1e21, 1.5e-7, 123.456, -1],
  {'\u00e9': 1, e: 2, E: 3, '\ud83d\ude00': 4, '': 5},
  {skip: undefined, keep: 'x'},
  'plain',
  null,
];

/** Patches `Array.prototype.toJSON` (as Prototype.js does) while `run` runs. */
async function withPatchedArrays<T>(run: () => T | Promise<T>): Promise<T> {
  const proto = Array.prototype as unknown as {toJSON?: () => string};
  proto.toJSON = function (this: unknown[]) {
    return `[${this.map((x) => String(x)).join(', ')}]`;
  };
  try {
    return await run();
  } finally {
    delete proto.toJSON;
  }
}

describe('jsonText', () => {
  it('should give the canonicalize package’s RFC 8785 text on plain data', () => {
    for (const sample of SAMPLES) expect(jsonText(sample, {canonical: true})).to.equal(canonicalize(sample));
  });

  it('should keep key order and write like JSON.stringify when not canonical', () => {
    for (const sample of SAMPLES) expect(jsonText(sample)).to.equal(JSON.stringify(sample));
    expect(jsonText({n: NaN, i: Infinity})).to.equal('{"n":null,"i":null}');
  });

  it('should refuse what canonical JSON cannot hold', () => {
    expect(() => jsonText({n: NaN}, {canonical: true})).to.throw('NaN is not allowed');
    expect(() => jsonText('\ud800', {canonical: true})).to.throw('Lone surrogate');
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => jsonText(loop)).to.throw('Circular');
  });

  it('should give the same text and hashes under a patched Array.prototype.toJSON', async () => {
    const event = {
      eventId: 'e-9',
      callId: 'log-maintenance',
      agentId: 'a-1',
      seq: 1,
      type: 'retention-purge',
      data: {days: 30, cutoff: '2026-10-01T00:00:00.000Z', calls: 2, callIds: ['c-1', 'c-2']},
      clientTs: '2026-11-30T08:00:00.000Z',
      clientMono: 1234.5,
      offset: 0,
      packVersion: 'p',
      prevHash: '0'.repeat(64),
    };
    const clean = {
      text: jsonText(event, {canonical: true}),
      plain: jsonText(SAMPLES),
      hash: await hashEvent(event),
    };
    const patched = await withPatchedArrays(async () => ({
      text: jsonText(event, {canonical: true}),
      plain: jsonText(SAMPLES),
      hash: await hashEvent(event),
      // What the patch does to the platform's own serializers (the bug this module avoids).
      platform: JSON.stringify({a: [1, 2]}),
      library: canonicalize({a: [1, 2]}),
    }));
    expect(patched.platform).to.equal('{"a":"[1, 2]"}');
    expect(patched.library).to.equal('{"a":"[1, 2]"}');
    expect(patched.text).to.equal(clean.text);
    expect(patched.plain).to.equal(clean.plain);
    expect(patched.hash).to.equal(clean.hash);
  });
});
