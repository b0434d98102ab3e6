/**
 * What an upload's response means (pure): acknowledged events leave the queue, refused ones go to the
 * dead-letter list, and everything else is a failure to retry, a batch to halve, or credentials to
 * renew. A 2xx whose body is not the protocol's JSON (a captive portal's login page) is a failure.
 */

/** The receiver's answer to `POST {events}`. */
export interface UploadAck {
  accepted: string[];
  duplicates: string[];
  rejected: {eventId: string; reason: string}[];
}

export type UploadOutcome =
  /** Acknowledged: these events leave the queue (accepted or duplicates) or go to dead letters (rejected). */
  | {kind: 'ack'; ack: UploadAck}
  /** Try the same events again later (408, 429, 5xx, a bad 2xx body, a network failure, a timeout). */
  | {kind: 'retry'; error: string; retryAfter: string | null; serverDate?: string | null}
  /** Too large (413), or refused as a whole with several events in it (400/422): send halves. */
  | {kind: 'split'; error: string}
  /** One event refused for good (400/422, or 413 on its own). */
  | {kind: 'refuse'; reason: string}
  /** 401/403: new credentials are needed. */
  | {kind: 'auth'; error: string}
  /** Another status the protocol does not use (404, 405…): a configuration problem; retried slowly. */
  | {kind: 'misconfigured'; error: string};

const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Reads a 2xx body as an acknowledgement of `batchIds`; a string says why it is not one. */
export function parseUploadAck(body: string, batchIds: ReadonlySet<string>): UploadAck | string {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return 'the response is not JSON';
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return 'the response is not a JSON object';
  const {accepted = [], duplicates = [], rejected = []} = data as Record<string, unknown>;
  if (!isStringArray(accepted) || !isStringArray(duplicates))
    return 'the response needs "accepted" and "duplicates" as lists of event ids';
  if (
    !Array.isArray(rejected) ||
    !rejected.every(
      (r) => typeof r === 'object' && r !== null && typeof (r as {eventId?: unknown}).eventId === 'string'
    )
  )
    return 'the response needs "rejected" as a list of {eventId, reason}';
  // Only ids of this batch count: an answer about other events acknowledges nothing.
  const ours = (id: string) => batchIds.has(id);
  return {
    accepted: accepted.filter(ours),
    duplicates: duplicates.filter(ours),
    rejected: (rejected as {eventId: string; reason?: unknown}[])
      .filter((r) => ours(r.eventId))
      .map((r) => ({
        eventId: r.eventId,
        reason: typeof r.reason === 'string' && r.reason ? r.reason : 'rejected',
      })),
  };
}

/** A short, plain excerpt of a response body for error messages. */
function excerpt(body: string): string {
  const text = body
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/** What a response to a batch of `batchIds` means. */
export function classifyUpload(
  response: {
    status: number;
    contentType: string | null;
    body: string;
    retryAfter: string | null;
    /** The response's `Date` header, to read an HTTP-date `Retry-After` against the server's clock. */
    serverDate?: string | null;
  },
  batchIds: ReadonlySet<string>
): UploadOutcome {
  const {status, body} = response;
  if (status >= 200 && status < 300) {
    if (!/^application\/([\w.+-]+\+)?json\b/i.test(response.contentType ?? ''))
      return {
        kind: 'retry',
        error: `the endpoint answered ${status} with ${response.contentType ?? 'no content type'}, not JSON (a login page?)`,
        retryAfter: null,
      };
    const ack = parseUploadAck(body, batchIds);
    if (typeof ack === 'string')
      return {kind: 'retry', error: `the endpoint answered ${status}, but ${ack}`, retryAfter: null};
    return {kind: 'ack', ack};
  }
  const said = excerpt(body);
  const why = `the endpoint answered ${status}${said ? `: ${said}` : ''}`;
  if (status === 401 || status === 403) return {kind: 'auth', error: why};
  if (status === 413)
    return batchIds.size > 1 ? {kind: 'split', error: why} : {kind: 'refuse', reason: `too large: ${why}`};
  if (status === 400 || status === 422)
    return batchIds.size > 1
      ? {kind: 'split', error: why}
      : {kind: 'refuse', reason: said || `refused (${status})`};
  if (status === 408 || status === 429 || status >= 500)
    return {
      kind: 'retry',
      error: why,
      retryAfter: response.retryAfter,
      serverDate: response.serverDate ?? null,
    };
  return {kind: 'misconfigured', error: why};
}
