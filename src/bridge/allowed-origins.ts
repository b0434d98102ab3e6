/**
 * The frame's `allowed-origins` setting (a URL parameter of `frame.html`), pure: a comma-separated list of
 * exact origins (`https://crm.example,https://other.example`). No wildcards, paths or `null`: an origin
 * either is in the list or is refused.
 */

/** The parsed setting: the origins a handshake may come from, and the entries that were not origins. */
export interface AllowedOrigins {
  origins: string[];
  invalid: string[];
}

/**
 * Parses `allowed-origins`: each entry must be an `http:` or `https:` origin, optionally with a trailing
 * `/` (normalized as `URL#origin` gives it: lower-case host, default port dropped). Absent or empty: none.
 *
 * @example
 * parseAllowedOrigins('https://CRM.example/, https://x.example/app');
 * // {origins: ['https://crm.example'], invalid: ['https://x.example/app']}
 */
export function parseAllowedOrigins(text: string | null): AllowedOrigins {
  const origins: string[] = [];
  const invalid: string[] = [];
  for (const entry of (text ?? '').split(',')) {
    const trimmed = entry.trim();
    if (trimmed === '') continue;
    const origin = exactOrigin(trimmed);
    if (origin === null) invalid.push(trimmed);
    else if (!origins.includes(origin)) origins.push(origin);
  }
  return {origins, invalid};
}

/** The origin `text` names exactly (nothing after it but an optional `/`), else null. */
function exactOrigin(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  // Userinfo, a path, a query or a fragment make the href longer than the origin and its `/`.
  if (url.href !== `${url.origin}/`) return null;
  return url.origin;
}
