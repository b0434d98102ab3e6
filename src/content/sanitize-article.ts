/**
 * Sanitizes article HTML before it reaches the DOM, with DOMPurify and an explicit allow-list: only the
 * tags markdown produces and the attributes listed here (DOMPurify's defaults would also let every
 * `data-*` and `aria-*` attribute through), links only to https:, mailto:, tel:, in-widget articles or
 * `#anchors` in the article (which the article view scrolls to; ids are prefixed `user-content-` so they
 * never clash with the widget's own), and every external link opened in a new tab without access to the
 * opener. Returns a fragment, never an HTML string, so no
 * `innerHTML`/`unsafeHTML` path exists for article content. Under Trusted Types, DOMPurify parses through
 * the widget's `agent-assist` policy; where the page refused it, the article is shown as plain text.
 */
import DOMPurify from 'dompurify';
import type {DOMPurify as Purifier} from 'dompurify';
import {articleHTMLPolicy, widgetPolicyBlocked} from '../internal/trusted-types.js';
import {htmlToBlocks} from './html-to-text.js';

const ALLOWED_TAGS = [
  'a',
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'strong',
  'b',
  'em',
  'i',
  'del',
  's',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'span',
  'input',
];
const ALLOWED_ATTR = [
  'href',
  'title',
  'id',
  'data-aa-article',
  'align',
  'start',
  'type',
  'checked',
  'disabled',
];

/** The prefix DOMPurify gives article ids (SANITIZE_NAMED_PROPS), which `#anchor` links are resolved against. */
export const ARTICLE_ID_PREFIX = 'user-content-';

let purifier: Purifier | null = null;

/** One configured DOMPurify instance per page, made on first use (no side effects on import). */
function getPurifier(): Purifier {
  if (purifier) return purifier;
  const p = DOMPurify(window);
  p.addHook('afterSanitizeAttributes', (node) => {
    // The in-widget link marker belongs on links only.
    if (node.nodeName !== 'A' && (node as Element).hasAttribute?.('data-aa-article'))
      (node as Element).removeAttribute('data-aa-article');
    if (node.nodeName === 'A') {
      const el = node as Element;
      if (el.hasAttribute('data-aa-article')) {
        el.setAttribute('href', '#');
      } else if (el.getAttribute('href')?.startsWith('#')) {
        // In the article: the view scrolls to the anchor; a new tab would open the host page instead.
        el.removeAttribute('target');
        el.removeAttribute('rel');
      } else if (el.hasAttribute('href')) {
        el.setAttribute('target', '_blank');
        el.setAttribute('rel', 'noopener noreferrer');
      }
    }
    // GFM task-list checkboxes are display only.
    if (node.nodeName === 'INPUT') {
      const el = node as Element;
      if (el.getAttribute('type') !== 'checkbox') el.remove();
      else el.setAttribute('disabled', '');
    }
  });
  purifier = p;
  return p;
}

/** A paragraph per block of the article's text: no HTML is parsed, so no Trusted Types sink is reached. */
function textFragment(html: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const text of htmlToBlocks(html)) {
    const p = document.createElement('p');
    p.textContent = text;
    fragment.append(p);
  }
  return fragment;
}

/**
 * Sanitizes `html` into a fragment ready to append; where the page's Trusted Types CSP refused the
 * widget's policy (reported once by the element), the article's text in paragraphs instead.
 */
export function sanitizeArticle(html: string): DocumentFragment {
  if (widgetPolicyBlocked()) return textFragment(html);
  return getPurifier().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    // Only what is listed: DOMPurify otherwise allows every data-* and aria-* attribute.
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    SANITIZE_NAMED_PROPS: true,
    // Not URLs: without this, DOMPurify checks their values against ALLOWED_URI_REGEXP and drops them
    // (an article link's id, a table column's alignment, a task list's checkbox type).
    ADD_URI_SAFE_ATTR: ['data-aa-article', 'align', 'start', 'type'],
    ALLOWED_URI_REGEXP: /^(?:https:|mailto:|tel:|#)/i,
    RETURN_DOM_FRAGMENT: true,
    // Ours, never DOMPurify's own `dompurify` policy (null where the browser has no Trusted Types).
    TRUSTED_TYPES_POLICY: articleHTMLPolicy(),
  });
}
