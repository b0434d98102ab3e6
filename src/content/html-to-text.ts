/** Plain text of rendered article HTML, for the search index and snippets (tags dropped, entities decoded). */

/** Tags that separate words; every other tag (strong, a, code…) is inline and joins its neighbours. */
const BLOCK_TAGS = /<\/?(p|li|ul|ol|h[1-6]|br|hr|tr|td|th|table|thead|tbody|div|blockquote|pre)\b[^>]*>/gi;

/** Drops the remaining (inline) tags and decodes the entities the renderer writes. */
function inlineText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

export function htmlToText(html: string): string {
  return inlineText(html.replace(BLOCK_TAGS, ' '));
}

/**
 * The text of each block (paragraph, list item, heading, cell…) of rendered article HTML, empty ones
 * left out: how an article is shown where its HTML cannot be parsed (a page whose Trusted Types CSP
 * refused the widget's policy). Text only: nothing here is ever parsed as HTML.
 */
export function htmlToBlocks(html: string): string[] {
  return html
    .split(new RegExp(BLOCK_TAGS.source, 'i'))
    .filter((_, i) => i % 2 === 0)
    .map(inlineText)
    .filter((text) => text !== '');
}
