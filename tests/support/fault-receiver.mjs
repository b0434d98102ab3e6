/**
 * A fault-injecting upload receiver, served by the test server at `POST /aa-receiver/<name>/events` (same
 * origin as the tests; it also answers CORS, for pages served from elsewhere). It speaks the upload
 * protocol of the README: it dedupes on event id and answers `{accepted, duplicates, rejected}`, and can
 * be told (`aa-receiver` server command) to answer the next requests with faults, one per request: `500`,
 * `429:<seconds>` (with Retry-After), `html` (a 200 login page), `slow:<ms>` (store, then answer that
 * late), `hang:<ms>` (no answer for that long), `drop` (store the events, then cut the connection before
 * answering), `cut` (cut it without storing), `401`. It can also refuse batches over `limit` events (413),
 * refuse given event ids or event types (listed as `rejected` in its answer) and require an
 * `Authorization` `token`. It counts the requests it answers at once (`maxInflight`), and checks each
 * request's body and `Idempotency-Key` as a server would (`problems`, see upload-check.mjs).
 */

import {checkUpload} from './upload-check.mjs';

/** @typedef {{events: Map<string, object>, arrivals: string[], requests: object[], plan: string[], limit: number, reject: Set<string>, rejectTypes: Set<string>, token: string | null, inflight: number, maxInflight: number}} Receiver */

/** @returns {Receiver} */
const fresh = () => ({
  events: new Map(),
  arrivals: [],
  requests: [],
  plan: [],
  limit: 0,
  reject: new Set(),
  rejectTypes: new Set(),
  token: null,
  inflight: 0,
  maxInflight: 0,
});

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

export function faultReceiver() {
  /** @type {Map<string, Receiver>} */
  const receivers = new Map();
  const get = (name) => receivers.get(name) ?? receivers.set(name, fresh()).get(name);

  /** Stores the events of a request and says what became of each. */
  const store = (r, events) => {
    const out = {accepted: [], duplicates: [], rejected: []};
    for (const e of events) {
      if (r.reject.has(e.eventId) || r.rejectTypes.has(e.type))
        out.rejected.push({eventId: e.eventId, reason: 'schema: not accepted here'});
      else if (r.events.has(e.eventId)) out.duplicates.push(e.eventId);
      else {
        r.events.set(e.eventId, e);
        r.arrivals.push(e.eventId);
        out.accepted.push(e.eventId);
      }
    }
    return out;
  };

  /** Koa middleware for the test server's `middleware` option (it runs before static files are served). */
  const middleware = async (ctx, next) => {
    const match = /^\/aa-receiver\/([\w-]+)\/events$/.exec(ctx.path);
    if (!match) return next();
    // Pages on another origin (the frame served by a test's own server) may post here too.
    ctx.set('Access-Control-Allow-Origin', '*');
    if (ctx.method === 'OPTIONS') {
      ctx.set('Access-Control-Allow-Methods', 'POST');
      ctx.set('Access-Control-Allow-Headers', 'Authorization, Content-Type, Idempotency-Key');
      ctx.status = 204;
      return undefined;
    }
    if (ctx.method !== 'POST') return next();
    const r = get(match[1]);
    const text = await readBody(ctx.req);
    let events = [];
    try {
      events = JSON.parse(text).events ?? [];
    } catch {
      ctx.status = 400;
      ctx.body = 'not JSON';
      return undefined;
    }
    // Requests being answered at once: one draining tab should never have two in flight.
    r.inflight++;
    r.maxInflight = Math.max(r.maxInflight, r.inflight);
    try {
      return await answer(ctx, r, events, text);
    } finally {
      r.inflight--;
    }
  };

  /** Answers one request with the next planned fault (or normally). */
  const answer = async (ctx, r, events, text) => {
    const step = r.plan.shift() ?? 'ok';
    r.requests.push({
      at: Date.now(),
      step,
      count: events.length,
      ids: events.map((e) => e.eventId),
      key: ctx.get('Idempotency-Key'),
      auth: ctx.get('Authorization'),
      contentType: ctx.get('Content-Type'),
      // What is wrong with the request as the server sees it (upload-check.mjs): none, when byte-correct.
      problems: checkUpload(text, ctx.get('Idempotency-Key')),
    });
    const cut = () => {
      ctx.respond = false;
      ctx.req.socket.destroy();
    };
    if (step === 'cut') return cut();
    if (step === 'drop') {
      store(r, events);
      return cut();
    }
    if (step.startsWith('slow:')) {
      // Committed at once, answered late: a tab closed or frozen meanwhile never hears the answer.
      const ack = store(r, events);
      await new Promise((resolve) => setTimeout(resolve, Number(step.slice(5))));
      ctx.status = 200;
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(ack);
      return undefined;
    }
    if (step.startsWith('hang:')) {
      await new Promise((resolve) => setTimeout(resolve, Number(step.slice(5))));
      ctx.status = 503;
      return undefined;
    }
    if (step === 'html') {
      ctx.status = 200;
      ctx.type = 'text/html';
      ctx.body = '<!doctype html><title>Wi-Fi login</title><form>Log in to continue</form>';
      return undefined;
    }
    if (step === '500' || step === '401') {
      ctx.status = Number(step);
      ctx.body = step === '500' ? 'internal error' : 'token expired';
      return undefined;
    }
    if (step.startsWith('429:')) {
      ctx.status = 429;
      ctx.set('Retry-After', step.slice(4));
      ctx.body = 'slow down';
      return undefined;
    }
    if (r.token !== null && ctx.get('Authorization') !== r.token) {
      ctx.status = 401;
      ctx.body = 'bad token';
      return undefined;
    }
    if (r.limit > 0 && events.length > r.limit) {
      ctx.status = 413;
      ctx.body = `at most ${r.limit} events per request`;
      return undefined;
    }
    ctx.status = 200;
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(store(r, events));
    return undefined;
  };
  const plugin = {
    name: 'agent-assist:fault-receiver',
    // `aa-receiver` {name, reset?, clearPlan?, plan?, limit?, reject?, rejectTypes?, token?}: configures a
    // receiver (plan entries are appended), and returns what it holds: stored event ids in arrival order and every request seen.
    async executeCommand({command, payload}) {
      if (command !== 'aa-receiver') return undefined;
      if (payload.reset) receivers.delete(payload.name);
      const r = get(payload.name);
      if (payload.clearPlan) r.plan = [];
      if (payload.plan) r.plan.push(...payload.plan);
      if (payload.limit !== undefined) r.limit = payload.limit;
      if (payload.reject) r.reject = new Set(payload.reject);
      if (payload.rejectTypes) r.rejectTypes = new Set(payload.rejectTypes);
      if (payload.token !== undefined) r.token = payload.token;
      return {stored: r.arrivals, requests: r.requests, planLeft: r.plan.length, maxInflight: r.maxInflight};
    },
  };
  return {middleware, plugin};
}
