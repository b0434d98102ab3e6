/** SHA-256 with Web Crypto (browsers and Node 20+ alike), as lowercase hex. */

const encoder = new TextEncoder();

/** SHA-256 of a string's UTF-8 bytes, or of raw bytes, as hex. */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
