/**
 * Renders an article's markdown to HTML at build time. Links to other articles become in-widget links
 * (`data-aa-article`), external links open in a new tab without opener access, and raw HTML in the
 * markdown is shown as text. The widget sanitizes this HTML again before display: this is not the
 * security boundary, only the first of two.
 */
import {Marked} from 'marked';
import type {Tokens} from 'marked';
import {resolveRelative} from './validate-content.js';
import {escapeHtml} from '../internal/escape-html.js';

/** Where article links point: a resolved id, or null when the target is not an article. */
export type ArticleLinkResolver = (href: string) => string | null;

/**
 * Makes a resolver for links written in `fromFile`, given every article's file → id and the set of ids
 * (built once by the caller: a copy per article made a 10k-article build quadratic).
 */
export function articleLinkResolver(
  fromFile: string,
  idByFile: ReadonlyMap<string, string>,
  ids: ReadonlySet<string>
): ArticleLinkResolver {
  return (href) => {
    if (href.startsWith('article:')) {
      const id = href.slice('article:'.length).split('#')[0]!;
      return ids.has(id) ? id : null;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#')) return null;
    if (!/\.md(#.*)?$/i.test(href)) return null;
    return idByFile.get(resolveRelative(fromFile, href)) ?? null;
  };
}

/** Renders one article's markdown; returns the HTML and the ids of the articles it links to. */
export type ArticleRenderer = (
  markdown: string,
  resolve: ArticleLinkResolver
) => {html: string; links: string[]};

/**
 * Makes a renderer. One marked instance serves every article of a build: configuring a new instance per
 * article cost more than the rendering itself (2.4 ms per article, 24 s for 10k).
 */
export function createArticleRenderer(): ArticleRenderer {
  // The article being rendered: marked's renderer hooks are set up once, so they read it from here.
  let resolve: ArticleLinkResolver = () => null;
  let links = new Set<string>();
  const marked = new Marked({gfm: true, async: false});
  marked.use({
    renderer: {
      // Raw HTML is not part of our content format: show it as text rather than pass markup through.
      html({text}: Tokens.HTML | Tokens.Tag) {
        return escapeHtml(text);
      },
      link(token: Tokens.Link) {
        const inner = this.parser.parseInline(token.tokens);
        const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
        const id = resolve(token.href);
        if (id !== null) {
          links.add(id);
          return `<a href="#" data-aa-article="${escapeHtml(id)}"${title}>${inner}</a>`;
        }
        if (/^(https:|mailto:|tel:)/i.test(token.href)) {
          return `<a href="${escapeHtml(token.href)}" target="_blank" rel="noopener noreferrer"${title}>${inner}</a>`;
        }
        // Anything else (broken link, unsafe scheme) keeps its text but loses the link.
        return `<span>${inner}</span>`;
      },
      image({text}: Tokens.Image) {
        // Images are not shipped in packs yet; keep the alt text so nothing silently disappears.
        return escapeHtml(text ? `[${text}]` : '');
      },
    },
  });
  return (markdown, resolver) => {
    resolve = resolver;
    links = new Set();
    const html = marked.parse(markdown) as string;
    return {html, links: [...links].sort()};
  };
}
