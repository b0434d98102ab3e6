/**
 * Sanitizes article HTML before it reaches the DOM, with DOMPurify and an explicit allow-list: only the
 * tags markdown produces, links only to https:, mailto:, tel: or in-widget articles, and every external
 * link opened in a new tab without access to the opener. Returns a fragment, never an HTML string, so no
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
const ALLOWED_ATTR = ['href', 'title', 'data-aa-article', 'align', 'start', 'type', 'checked', 'disabled'];

let purifier: Purifier | null = null;

/** One configured DOMPurify instance per page, made on first use (no side effects on import). */
function getPurifier(): Purifier {
  if (purifier) return purifier;
  const p = DOMPurify(window);
  p.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') {
      const el = node as Element;
      if (el.hasAttribute('data-aa-article')) {
        el.setAttribute('href', '#');
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
    ALLOWED_URI_REGEXP: /^(?:https:|mailto:|tel:|#)/i,
    RETURN_DOM_FRAGMENT: true,
    // Ours, never DOMPurify's own `dompurify` policy (null where the browser has no Trusted Types).
    TRUSTED_TYPES_POLICY: articleHTMLPolicy(),
  });
}
