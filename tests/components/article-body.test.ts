/**
 * The article view reads an article's HTML when it is opened (the page holds the articles without it):
 * the body shown is the one asked for last, sanitized, and a body that cannot be read says so.
 */
import {expect} from '@open-wc/testing';
import {AaArticleView} from '../../src/components/article-view/article-view.js';
import {contextHost, pageArticle} from './harness.js';

if (!customElements.get('aa-article-view')) customElements.define('aa-article-view', AaArticleView);

const bodyText = (view: AaArticleView) =>
  view.shadowRoot!.querySelector('.body')!.textContent!.replace(/Copy/g, '').trim();

describe('<aa-article-view> body on demand', () => {
  it('should show the body read for the article, and only the last one asked for', async () => {
    const asked: string[] = [];
    const release: Record<string, () => void> = {};
    const bodies: Record<string, string> = {
      'billing/refunds': '<p>Refunds up to $50.<img src=x onerror="window.__xss = 1"></p>',
      'billing/fees': '<p>A late fee applies.</p>',
    };
    const host = await contextHost('en', (id) => {
      asked.push(id);
      // The first body arrives after the second: a slow read must not overwrite the newer article.
      return new Promise((resolve) => (release[id] = () => resolve(bodies[id] ?? null)));
    });
    const view = document.createElement('aa-article-view') as AaArticleView;
    host.append(view);
    const asking = async (n: number) => {
      for (let i = 0; i < 100 && asked.length < n; i++) await new Promise((r) => setTimeout(r, 10));
    };
    view.article = pageArticle('billing/refunds', 'Refunds');
    await asking(1);
    view.article = pageArticle('billing/fees', 'Fees');
    await asking(2);
    expect(asked).to.deep.equal(['billing/refunds', 'billing/fees']);
    release['billing/fees']!();
    await view.updateComplete;
    release['billing/refunds']!();
    await new Promise((r) => setTimeout(r, 20));
    expect(bodyText(view)).to.equal('A late fee applies.');
    // Sanitized as before.
    view.article = pageArticle('billing/refunds', 'Refunds');
    await asking(3);
    release['billing/refunds']!();
    await view.updateComplete;
    expect(bodyText(view)).to.equal('Refunds up to $50.');
    expect(view.shadowRoot!.querySelector('[onerror]')).to.equal(null);
    expect((window as {__xss?: number}).__xss).to.equal(undefined);
  });

  it('should say so when the body cannot be read', async () => {
    const host = await contextHost('en', () => Promise.reject(new Error('search: stopped')));
    const view = document.createElement('aa-article-view') as AaArticleView;
    host.append(view);
    view.article = pageArticle('billing/refunds', 'Refunds');
    await view.updateComplete;
    const alert = view.shadowRoot!.querySelector('.body [role=alert]');
    expect(alert?.textContent).to.equal(
      'This article could not be loaded (search: stopped). Try opening it again.'
    );
    expect(view.shadowRoot!.querySelector('h2')!.textContent).to.equal('Refunds');
  });
});
