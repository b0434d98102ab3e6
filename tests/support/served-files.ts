/**
 * Browser tests' way to serve files they made (a content pack built in the page, a host page): writes
 * them into a fresh folder under the test server (`aa-write-files`), binary files as base64.
 */
import {executeServerCommand} from '@web/test-runner-commands';

/** A file to serve: text, or bytes (a pack's search index). */
export interface ServedFile {
  path: string;
  source: string | Uint8Array;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Writes `files` into a fresh folder (or into `dir`, a folder an earlier call returned); its URL path. */
export async function serveFiles(files: readonly ServedFile[], dir?: string): Promise<string> {
  const wire = files.map((f) =>
    typeof f.source === 'string' ? {path: f.path, text: f.source} : {path: f.path, base64: base64(f.source)}
  );
  return (await executeServerCommand<string, object>('aa-write-files', {
    files: wire,
    ...(dir ? {dir} : {}),
  }))!;
}

/** The text of a served text file (throws for a binary one, which a test should not read as text). */
export function textOf(file: ServedFile | undefined): string {
  if (typeof file?.source !== 'string') throw new Error(`${file?.path ?? 'file'} is not a text file`);
  return file.source;
}

/** The bytes of a served file (a text one encoded as UTF-8). */
export function bytesOf(file: ServedFile | undefined): Uint8Array {
  if (!file) throw new Error('no such file');
  return typeof file.source === 'string' ? new TextEncoder().encode(file.source) : file.source;
}
