/**
 * Runs a server command of tests/support/server-commands.mjs as a job (`aa-job-start`, then `aa-job-wait`
 * until it is done), for commands that may take longer than web-test-runner's fixed 20 s limit on one
 * command's answer: a scenario in a browser context of its own, a type check, a collector start.
 */
import {executeServerCommand} from '@web/test-runner-commands';

export async function longCommand<T>(command: string, payload: unknown): Promise<T> {
  const id = await executeServerCommand<string, {command: string; payload: unknown}>('aa-job-start', {
    command,
    payload,
  });
  for (;;) {
    const step = await executeServerCommand<{done: boolean; value?: T}, {id: string}>('aa-job-wait', {
      id: id!,
    });
    if (step?.done) return step.value as T;
  }
}
