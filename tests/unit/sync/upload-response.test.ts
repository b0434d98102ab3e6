/** What an upload response means, and how long to wait before a retry (pure). */
import {expect} from '@open-wc/testing';
import {backoffDelay, retryAfterMs} from '../../../src/sync/retry-delay.js';
import {classifyUpload, parseUploadAck} from '../../../src/sync/upload-response.js';

const ids = new Set(['e1', 'e2']);
const json = (status: number, body: unknown, more: {retryAfter?: string} = {}) => ({
  status,
  contentType: 'application/json; charset=utf-8',
  body: typeof body === 'string' ? body : JSON.stringify(body),
  retryAfter: more.retryAfter ?? null,
});

describe('classifyUpload', () => {
  it('should read a 2xx JSON acknowledgement, keeping only ids of the batch', () => {
    expect(
      classifyUpload(
        json(200, {accepted: ['e1', 'x'], duplicates: ['e2'], rejected: [{eventId: 'zz', reason: 'no'}]}),
        ids
      )
    ).to.deep.equal({kind: 'ack', ack: {accepted: ['e1'], duplicates: ['e2'], rejected: []}});
    expect(classifyUpload(json(207, {rejected: [{eventId: 'e2'}]}), ids)).to.deep.equal({
      kind: 'ack',
      ack: {accepted: [], duplicates: [], rejected: [{eventId: 'e2', reason: 'rejected'}]},
    });
  });

  it('should treat a 2xx that is not the protocol’s JSON as a failure to retry', () => {
    const html = {status: 200, contentType: 'text/html', body: '<h1>Log in</h1>', retryAfter: null};
    expect(classifyUpload(html, ids)).to.deep.include({kind: 'retry'});
    expect(classifyUpload(json(200, 'not json'), ids)).to.deep.include({kind: 'retry'});
    expect(classifyUpload(json(200, {accepted: 'e1'}), ids)).to.deep.include({kind: 'retry'});
    expect(classifyUpload(json(200, [1]), ids)).to.deep.include({kind: 'retry'});
  });

  it('should retry 408, 429 and 5xx with Retry-After, renew on 401/403, and split or refuse on 413/400/422', () => {
    expect(classifyUpload(json(429, '', {retryAfter: '3'}), ids)).to.deep.include({
      kind: 'retry',
      retryAfter: '3',
    });
    for (const status of [408, 500, 502, 503])
      expect(classifyUpload(json(status, ''), ids).kind).to.equal('retry');
    for (const status of [401, 403]) expect(classifyUpload(json(status, ''), ids).kind).to.equal('auth');
    for (const status of [400, 413, 422])
      expect(classifyUpload(json(status, 'bad'), ids).kind).to.equal('split');
    expect(classifyUpload(json(400, 'field "type" is unknown'), new Set(['e1']))).to.deep.equal({
      kind: 'refuse',
      reason: 'field "type" is unknown',
    });
    expect(classifyUpload(json(413, ''), new Set(['e1'])).kind).to.equal('refuse');
    expect(classifyUpload(json(404, 'Not Found'), ids)).to.deep.include({kind: 'misconfigured'});
  });

  it('should say why a body is not an acknowledgement', () => {
    expect(parseUploadAck('{"rejected": [1]}', ids)).to.contain('"rejected"');
    expect(parseUploadAck('null', ids)).to.contain('not a JSON object');
  });
});

describe('retry delays', () => {
  it('should grow exponentially with full jitter up to the cap', () => {
    const opts = {baseMs: 1000, capMs: 8000};
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, opts, () => 0.999))).to.deep.equal([
      999, 1998, 3996, 7992, 7992,
    ]);
    expect(backoffDelay(3, opts, () => 0)).to.equal(0);
  });

  it('should read Retry-After as seconds or an HTTP-date against the server’s clock', () => {
    expect(retryAfterMs('120', 0)).to.equal(120_000);
    expect(retryAfterMs(null, 0)).to.equal(null);
    expect(retryAfterMs('soon', 0)).to.equal(null);
    const server = 'Mon, 30 Nov 2026 08:00:00 GMT';
    // The client clock is two hours off: the date is read against the server's Date header.
    expect(retryAfterMs('Mon, 30 Nov 2026 08:00:30 GMT', Date.parse(server) + 7_200_000, server)).to.equal(
      30_000
    );
    expect(retryAfterMs('Mon, 30 Nov 2026 07:00:00 GMT', Date.parse(server), server)).to.equal(0);
  });
});
