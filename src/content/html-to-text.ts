/** Plain text of rendered article HTML, for the search index and snippets (tags dropped, entities decoded). */

/** Tags that separate words; every other tag (strong, a, code…) is inline and joins its neighbours. */
const BLOCK_TAGS = /<\/?(p|li|ul|ol|h[1-6]|br|hr|tr|td|th|table|thead|tbody|div|blockquote|pre)\b[^>]*>/gi;

export function htmlToText(html: string): string {
  return html
    .replace(BLOCK_TAGS, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
