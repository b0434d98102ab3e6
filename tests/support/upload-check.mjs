/**
 * The server-side check of an upload request (reliability.md scenario 42: "payloads arrive byte-correct on
 * the server"), done by the fault receiver on every request it gets, independently of the widget's code:
 * the body is the protocol's JSON (`src/sync/upload-protocol.schema.json`, its `request` part: required
 * fields and their types, patterns, ranges), it is the plain compact JSON of what it holds (nothing a
 * host's patched `toJSON` turned into strings), each event's `hash` is the SHA-256 of its RFC 8785
 * canonical JSON as Node computes it (the `canonicalize` package), and the `Idempotency-Key` is the SHA-256
 * of the batch's sorted event ids. Returns the problems found (none: an empty list) and the key seen.
 */
import canonicalize from 'canonicalize';
import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';

const schema = JSON.parse(
  readFileSync(new URL('../../src/sync/upload-protocol.schema.json', import.meta.url), 'utf8')
);
const sha256 = (text) => createHash('sha256').update(text).digest('hex');

const TYPES = {
  object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  array: Array.isArray,
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  integer: Number.isInteger,
};

/** The problems of `value` against the (small) subset of JSON Schema the upload protocol's schema uses. */
function validate(value, rule, path) {
  if (rule.$ref) return validate(value, schema.$defs[rule.$ref.split('/').pop()], path);
  const problems = [];
  if (rule.type && !TYPES[rule.type](value)) return [`${path}: expected ${rule.type}`];
  if (rule.enum && !rule.enum.includes(value)) problems.push(`${path}: not one of ${rule.enum.join(', ')}`);
  if (rule.pattern && !new RegExp(rule.pattern).test(value))
    problems.push(`${path}: does not match ${rule.pattern}`);
  if (rule.minLength !== undefined && value.length < rule.minLength) problems.push(`${path}: too short`);
  if (rule.maxLength !== undefined && value.length > rule.maxLength) problems.push(`${path}: too long`);
  if (rule.minimum !== undefined && value < rule.minimum) problems.push(`${path}: below ${rule.minimum}`);
  if (rule.minItems !== undefined && value.length < rule.minItems) problems.push(`${path}: too few items`);
  for (const key of rule.required ?? []) if (!(key in value)) problems.push(`${path}.${key}: missing`);
  for (const [key, sub] of Object.entries(rule.properties ?? {})) {
    if (key in value) problems.push(...validate(value[key], sub, `${path}.${key}`));
  }
  if (rule.additionalProperties === false) {
    for (const key of Object.keys(value)) {
      if (!(key in rule.properties)) problems.push(`${path}.${key}: not allowed`);
    }
  }
  if (rule.items) value.forEach((item, i) => problems.push(...validate(item, rule.items, `${path}[${i}]`)));
  return problems;
}

/**
 * @param {string} body the request body as received
 * @param {string} idempotencyKey the `Idempotency-Key` header ('' when absent)
 * @returns {string[]} what is wrong with the request
 */
export function checkUpload(body, idempotencyKey) {
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch {
    return ['body: not JSON'];
  }
  const problems = validate(parsed, schema.properties.request, 'body');
  if (problems.length > 0) return problems;
  // The compact JSON of what it holds, byte for byte (JSON.stringify of parsed data calls no toJSON here).
  if (JSON.stringify(parsed) !== body) problems.push('body: not the plain JSON of its content');
  for (const [i, event] of parsed.events.entries()) {
    const {hash, synced: _synced, ...content} = event;
    if (sha256(canonicalize(content)) !== hash)
      problems.push(`body.events[${i}]: hash does not match its content`);
  }
  const key = sha256(
    parsed.events
      .map((e) => e.eventId)
      .sort()
      .join('\n')
  );
  if (idempotencyKey !== '' && idempotencyKey !== key) problems.push('Idempotency-Key: not the batch key');
  return problems;
}
