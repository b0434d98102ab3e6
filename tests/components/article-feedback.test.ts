/**
 * The article view's freshness badge and one-key feedback (issue 16), driven from the keyboard on the
 * built sample pack: H sends "helpful" at once; O, W and M ask for an optional comment (Enter sends);
 * each fires `aa-article-feedback` for the host and says it was sent; the search typed before the article
 * is kept as the opened article's search session.
 */
import {expect, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import type {AaEventDetailMap} from '../../src/events/aa-event.js';
import {defineElements} from '../../widget/define-elements.js';
import {articleView, loadedWidget, searchBox, settle} from './harness.js';

defineElements();

describe('<aa-article-view> feedback', () => {
  it('should send helpful with one key, and outdated with a comment after Enter', async () => {
    const el = await loadedWidget({agentId: `agent-${crypto.randomUUID()}`});
    const heard: AaEventDetailMap['aa-article-feedback'][] = [];
    el.addEventListener('aa-article-feedback', (e) => heard.push(e.detail));
    await el.openArticle('billing/refunds');
    await settle(el);
    const view = articleView(el)!;
    view.focusTitle();
    let sent = oneEvent(el, 'aa-article-feedback');
    await sendKeys({press: 'h'});
    await sent;
    await settle(el);
    expect(heard).to.deep.equal([{articleId: 'billing/refunds', rating: 'helpful'}]);
    expect(view.shadowRoot!.querySelector('.sent')!.textContent).to.contain('Helpful');

    view.focusTitle();
    await sendKeys({press: 'o'});
    await settle(el);
    const comment = view.shadowRoot!.querySelector<HTMLInputElement>('.comment')!;
    expect(view.shadowRoot!.activeElement).to.equal(comment);
    // Letters typed in the comment are text, not feedback keys.
    await sendKeys({type: 'new limit is 60 who'});
    sent = oneEvent(el, 'aa-article-feedback');
    await sendKeys({press: 'Enter'});
    await sent;
    await settle(el);
    expect(heard[1]).to.deep.equal({
      articleId: 'billing/refunds',
      rating: 'outdated',
      comment: 'new limit is 60 who',
    });
    expect(view.shadowRoot!.querySelector('.comment')).to.equal(null);
    expect(view.shadowRoot!.querySelector('.sent')!.textContent).to.contain('Outdated');
  });

  it('should show when the article was updated, its owner and a review-overdue badge', async () => {
    const el = await loadedWidget({agentId: `agent-${crypto.randomUUID()}`});
    await el.openArticle('devices/handset-financing');
    await settle(el);
    const meta = articleView(el)!.shadowRoot!.querySelector('[part=freshness]')!;
    expect(meta.textContent).to.contain('Updated');
    expect(meta.querySelector('.owner')!.textContent).to.equal('Owner: device-support');
    expect(meta.querySelector('.badge.overdue')!.textContent).to.equal('review overdue');
  });

  it('should not take feedback keys typed in the search box', async () => {
    const el = await loadedWidget({agentId: `agent-${crypto.randomUUID()}`});
    let fired = 0;
    el.addEventListener('aa-article-feedback', () => fired++);
    searchBox(el).focus();
    await sendKeys({type: 'how'});
    await new Promise((r) => setTimeout(r, 150));
    expect(fired).to.equal(0);
  });
});
