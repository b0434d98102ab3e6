/**
 * The article sanitizer's explicit allow-list (issue 19): `data-*` and `aria-*` attributes are dropped
 * unless listed (DOMPurify's defaults let them all through), ids are prefixed so they never clash with
 * the widget's own, and an in-page `#anchor` link scrolls within the article instead of opening the
 * host page in a new tab.
 */
import {expect} from '@open-wc/testing';
import {AaArticleView} from '../../src/components/article-view/article-view.js';
import type {PackArticle} from '../../src/content/pack-types.js';
import {sanitizeArticle} from '../../src/content/sanitize-article.js';
import {contextHost, pageArticle} from './harness.js';

if (!customElements.get('aa-article-view')) customElements.define('aa-article-view', AaArticleView);

/** The sanitized HTML of `html`, as markup. */
function sanitized(html: string): string {
  const div = document.createElement('div');
  div.append(sanitizeArticle(html));
  return div.innerHTML;
}

const article = (html: string): PackArticle => ({...pageArticle(), html});

describe('article sanitizer allow-list', () => {
  it('should drop data-* and aria-* attributes that are not listed, and keep the listed in-widget link', () => {
    expect(
      sanitized(
        '<p data-x="1" aria-hidden="true" data-aa-article="no">a</p>' +
          '<a href="#" data-aa-article="billing/fees" aria-label="spoof" data-track="y">fees</a>' +
          '<span aria-describedby="title" role="alert">b</span>'
      )
    ).to.equal('<p>a</p><a href="#" data-aa-article="billing/fees">fees</a><span>b</span>');
  });

  it('should keep the listed attributes that are not URLs: table alignment, list start, task checkboxes', () => {
    expect(
      sanitized(
        '<table><tr><th align="center">a</th></tr></table><ol start="3"><li>x</li></ol>' +
          '<ul><li><input type="checkbox" checked=""> done</li></ul>'
      )
    ).to.equal(
      '<table><tbody><tr><th align="center">a</th></tr></tbody></table><ol start="3"><li>x</li></ol>' +
        '<ul><li><input type="checkbox" checked="" disabled=""> done</li></ul>'
    );
  });

  it('should keep #anchor links in the article (no new tab) and prefix ids', () => {
    expect(sanitized('<h2 id="fees">Fees</h2><a href="#fees">to fees</a>')).to.equal(
      '<h2 id="user-content-fees">Fees</h2><a href="#fees">to fees</a>'
    );
    expect(sanitized('<a href="https://ok.example">x</a>')).to.equal(
      '<a href="https://ok.example" target="_blank" rel="noopener noreferrer">x</a>'
    );
  });

  it('should scroll to an #anchor within the article when it is followed, leaving the page where it is', async () => {
    const host = await contextHost();
    const view = document.createElement('aa-article-view') as AaArticleView;
    const filler = '<p>filler</p>'.repeat(80);
    view.article = article(
      `<p><a href="#late">Jump</a> <a href="#nowhere">nowhere</a></p>${filler}<h2 id="late">Late section</h2>`
    );
    view.style.cssText = 'display: block; height: 200px; overflow: auto';
    host.append(view);
    await view.updateComplete;
    const body = view.shadowRoot!.querySelector('.body')!;
    const [jump, nowhere] = [...body.querySelectorAll<HTMLAnchorElement>('a')];
    expect(jump!.hasAttribute('target')).to.equal(false);
    const url = location.href;
    const opened: unknown[] = [];
    const open = window.open;
    window.open = (...args: unknown[]) => (opened.push(args), null);
    try {
      jump!.click();
      nowhere!.click();
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      window.open = open;
    }
    const heading = body.querySelector('#user-content-late')!;
    expect(view.shadowRoot!.activeElement).to.equal(heading);
    expect(view.scrollTop).to.be.greaterThan(0);
    expect(location.href).to.equal(url);
    expect(opened).to.deep.equal([]);
  });
});
