/** The error of a bad argument: `agent-assist: method() expected …`. */
export function argumentError(method: string, expected: string): Error {
  return new Error(`agent-assist: ${method}() expected ${expected}`);
}
