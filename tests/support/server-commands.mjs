/**
 * Test-runner plugin: commands a browser test can ask the Node side to run (through
 * `executeServerCommand` from @web/test-runner-commands), for what a page cannot do by itself.
 */
import {cpSync, mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {randomUUID} from 'node:crypto';

/**
 * @param {{root: string}} options the folder the test server serves
 */
export function serverCommands({root}) {
  const scratch = join(root, '.tmp', 'served');
  return {
    name: 'agent-assist:server-commands',
    serverStart() {
      rmSync(scratch, {recursive: true, force: true});
    },
    async executeCommand({command, payload}) {
      // Copies dist/ into a fresh folder elsewhere on the server, plus a host page that embeds it from
      // there, as an integrator copying the build to their own static host would. Returns the page's URL.
      if (command === 'aa-copy-dist') {
        const id = randomUUID();
        const base = join(scratch, id);
        cpSync(join(root, 'dist'), join(base, 'static', 'vendor', 'agent-assist'), {recursive: true});
        mkdirSync(join(base, 'crm'), {recursive: true});
        writeFileSync(join(base, 'crm', 'index.html'), payload.html);
        return `/.tmp/served/${id}/crm/index.html`;
      }
      return undefined;
    },
  };
}
