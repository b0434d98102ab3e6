/** Argument errors that the element and the core both raise (kept small: the element's first bundle has it). */
import type {SyncAuth} from './api-types.js';

/** The error of a bad argument: `agent-assist: method() expected …`. */
export function argumentError(method: string, expected: string): Error {
  return new Error(`agent-assist: ${method}() expected ${expected}`);
}

/** Checks a `syncAuth` or `qaAuth` value: a function returning the header value, or null. */
export function checkAuth(name: 'syncAuth' | 'qaAuth', value: SyncAuth | null): SyncAuth | null {
  if (value !== null && typeof value !== 'function')
    throw argumentError(name, 'a function returning the Authorization header value, or null');
  return value;
}
