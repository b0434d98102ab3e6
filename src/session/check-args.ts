/**
 * Argument checks of the public methods, pure: each returns the options normalized or throws an `Error`
 * reading `agent-assist: <method>() expected …`, so a host developer learns what to pass without
 * reading the source.
 */
import type {
  CheckItemOptions,
  CompleteStepOptions,
  EndCallOptions,
  ExportLogOptions,
  SearchFilters,
  StartCallOptions,
  VerifyLogOptions,
} from './api-types.js';
import {argumentError} from './argument-error.js';

export {argumentError};

/**
 * What a method rejects with: its own `agent-assist:` errors as they are; anything else (a storage
 * failure, a database error) prefixed with the method, keeping its `code` (`storage-full`, `log-lost`…)
 * and the original as `cause`.
 */
export function hostError(method: string, err: unknown): Error {
  const message = (err as Error | null)?.message ?? String(err);
  if (err instanceof Error && message.startsWith('agent-assist:')) return err;
  const error = new Error(`agent-assist: ${method}() failed: ${message}`, {cause: err}) as Error & {
    code?: string;
  };
  const code = (err as {code?: unknown} | null)?.code;
  if (typeof code === 'string') error.code = code;
  return error;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `options` absent (undefined) means none; anything else must be an object. */
function optionsObject(method: string, options: unknown, shape: string): Record<string, unknown> {
  if (options === undefined) return {};
  if (!isPlainObject(options)) throw argumentError(method, `options to be an object ${shape}`);
  return options;
}

function nonEmptyString(method: string, name: string, value: unknown, max: number): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max)
    throw argumentError(method, `${name} to be a non-empty string of up to ${max} characters`);
  return value;
}

/** The longest ids, reasons and outcomes accepted. */
export const MAX_ID_LENGTH = 128;
export const MAX_REASON_LENGTH = 500;
export const MAX_OUTCOME_LENGTH = 200;

export function checkStartCall(
  options: unknown
): Required<Pick<StartCallOptions, 'callId'>> & StartCallOptions {
  const o = optionsObject('startCall', options, '{callId?, scriptId?, context?}');
  const callId =
    o.callId === undefined
      ? `call-${crypto.randomUUID()}`
      : nonEmptyString('startCall', 'callId', o.callId, MAX_ID_LENGTH);
  if (o.scriptId !== undefined && typeof o.scriptId !== 'string')
    throw argumentError('startCall', 'scriptId to be a string (one of listScripts())');
  if (o.context !== undefined && !isPlainObject(o.context))
    throw argumentError('startCall', 'context to be an object, e.g. {customer: {name: "Li Wei"}}');
  return {
    callId,
    ...(o.scriptId !== undefined ? {scriptId: o.scriptId as string} : {}),
    ...(o.context !== undefined ? {context: o.context} : {}),
  };
}

export function checkEndCall(options: unknown): EndCallOptions {
  const o = optionsObject('endCall', options, '{outcome?, confirm?}');
  if (o.confirm !== undefined && typeof o.confirm !== 'boolean')
    throw argumentError('endCall', 'confirm to be true or false');
  return {
    ...(o.outcome !== undefined
      ? {outcome: nonEmptyString('endCall', 'outcome', o.outcome, MAX_OUTCOME_LENGTH)}
      : {}),
    ...(o.confirm ? {confirm: true} : {}),
  };
}

export function checkContext(context: unknown): Record<string, unknown> {
  if (!isPlainObject(context))
    throw argumentError('setContext', 'context to be an object, e.g. {customer: {name: "Li Wei"}}');
  return context;
}

export function checkSearch(
  query: unknown,
  options: unknown
): {query: string; limit: number; filters: SearchFilters} {
  if (typeof query !== 'string') throw argumentError('search', 'query to be a string');
  const o = optionsObject('search', options, '{limit?, filters?}');
  const limit = o.limit ?? 10;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 100)
    throw argumentError('search', `limit to be an integer from 1 to 100, got ${String(limit)}`);
  const filters = o.filters ?? {};
  if (!isPlainObject(filters)) throw argumentError('search', 'filters to be an object {category?, lang?}');
  for (const [key, v] of Object.entries(filters)) {
    if (key !== 'category' && key !== 'lang')
      throw argumentError('search', `filters to have only "category" and "lang", not "${key}"`);
    if (typeof v !== 'string' && !(Array.isArray(v) && v.every((x) => typeof x === 'string')))
      throw argumentError('search', `filters.${key} to be a string or a list of strings`);
  }
  return {query, limit, filters: filters as SearchFilters};
}

export function checkArticleId(id: unknown): string {
  if (typeof id !== 'string' || id === '')
    throw argumentError('openArticle', 'an article id (a non-empty string)');
  return id;
}

export function checkCompleteStep(options: unknown): CompleteStepOptions {
  const o = optionsObject('completeStep', options, '{branch?}');
  const {branch} = o;
  if (branch === undefined) return {};
  if (
    typeof branch === 'number'
      ? !Number.isInteger(branch) || branch < 1
      : typeof branch !== 'string' || !branch
  )
    throw argumentError('completeStep', 'branch to be a step id or a choice number from 1');
  return {branch: branch as string | number};
}

export function checkItemId(method: 'checkItem' | 'skipItem', itemId: unknown): string {
  if (typeof itemId !== 'string' || itemId === '')
    throw argumentError(method, 'a checklist item id (a non-empty string) as the first argument');
  return itemId;
}

export function checkCheckItem(
  itemId: unknown,
  options: unknown
): {itemId: string; source: 'agent' | 'host'} {
  const id = checkItemId('checkItem', itemId);
  const o = optionsObject('checkItem', options, '{source?}');
  const source = (o.source ?? 'agent') as CheckItemOptions['source'];
  if (source !== 'agent' && source !== 'host')
    throw argumentError('checkItem', `source to be "agent" or "host", got "${String(source)}"`);
  return {itemId: id, source};
}

export function checkSkipItem(itemId: unknown, reason: unknown): {itemId: string; reason: string} {
  const id = checkItemId('skipItem', itemId);
  if (typeof reason !== 'string' || reason.trim() === '')
    throw argumentError('skipItem', 'a reason (a non-empty string) as the second argument');
  if (reason.length > MAX_REASON_LENGTH)
    throw argumentError('skipItem', `a reason of up to ${MAX_REASON_LENGTH} characters`);
  return {itemId: id, reason: reason.trim()};
}

/** ISO time or date for `exportLog`'s `since`/`until`. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** The export's options, with `since`/`until` as full ISO times. */
export function checkExportLog(options: unknown): ExportLogOptions {
  const o = options === undefined ? {format: 'json'} : options;
  if (!isPlainObject(o)) throw argumentError('exportLog', 'options to be an object {since?, until?, format}');
  const {format} = o;
  if (format !== 'json' && format !== 'csv')
    throw argumentError('exportLog', `format to be "json" or "csv", got "${String(format)}"`);
  const out: ExportLogOptions = {format};
  for (const name of ['since', 'until'] as const) {
    const value = o[name];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !ISO_TIME.test(value) || Number.isNaN(Date.parse(value)))
      throw argumentError('exportLog', `${name} to be an ISO date or time, e.g. "2026-11-22T10:00:00Z"`);
    out[name] = new Date(value).toISOString();
  }
  return out;
}

export function checkVerifyLog(options: unknown): VerifyLogOptions {
  const o = optionsObject('verifyLog', options, '{callId?}');
  if (o.callId === undefined) return {};
  if (typeof o.callId !== 'string') throw argumentError('verifyLog', 'callId to be a string');
  return {callId: o.callId};
}
