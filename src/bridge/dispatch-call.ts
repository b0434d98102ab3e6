/**
 * The frame's side of `aa:call`, without DOM: checks a request, runs the named method of the API and
 * turns what it resolved or rejected with into the `aa:result` answer. Only the API's own methods can be
 * called; anything else is an error answer, never a lookup on the element.
 */
import type {AgentAssistApi} from '../session/api-types.js';
import type {ApiMethod, ResultMessage, WireError} from './protocol.js';

/** The callable methods (a record, so the compiler insists on every method of the API and no other). */
const CALLABLE: Record<ApiMethod, true> = {
  startCall: true,
  endCall: true,
  setContext: true,
  search: true,
  listScripts: true,
  openArticle: true,
  completeStep: true,
  checkItem: true,
  skipItem: true,
  getCall: true,
  exportLog: true,
  verifyLog: true,
  refreshContent: true,
};

/** The methods an `aa:call` may name. */
export const API_METHODS = Object.keys(CALLABLE) as ApiMethod[];

/** True when `name` is one of the API's methods (own keys only: `constructor` or `__proto__` are not). */
export const isApiMethod = (name: unknown): name is ApiMethod =>
  typeof name === 'string' && Object.hasOwn(CALLABLE, name);

/** An error as it crosses to the host: its message, and its `code` when it is a string. */
export function toWireError(err: unknown): WireError {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as {code?: unknown} | null)?.code;
  return typeof code === 'string' ? {message, code} : {message};
}

/**
 * Answers one `aa:call` request (`data`, as it arrived on the port) against `api` (which resolves once
 * the widget is ready, or rejects when it could not be loaded). Resolves null for a request without a
 * usable `id`, which cannot be answered.
 */
export async function dispatchCall(
  api: Promise<AgentAssistApi>,
  data: unknown
): Promise<ResultMessage | null> {
  const {id, method, args = []} = data as {id?: unknown; method?: unknown; args?: unknown};
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return null;
  const answer = (error: WireError): ResultMessage => ({type: 'aa:result', id, error});
  if (!isApiMethod(method)) {
    return answer({
      message: `agent-assist: ${JSON.stringify(method) ?? String(method)} is not a method of the API; expected one of ${API_METHODS.join(', ')}`,
      code: 'invalid-argument',
    });
  }
  if (!Array.isArray(args))
    return answer({
      message: `agent-assist: ${method}() expected args to be an array`,
      code: 'invalid-argument',
    });
  let target: AgentAssistApi;
  try {
    target = await api;
  } catch (err) {
    return answer({
      message: `agent-assist: ${method}() failed: ${toWireError(err).message}`,
      code: 'not-available',
    });
  }
  try {
    const run = target[method] as (...a: unknown[]) => Promise<unknown>;
    return {type: 'aa:result', id, value: await run.apply(target, args)};
  } catch (err) {
    return answer(toWireError(err));
  }
}
