/**
 * A second industry: the retail-banking sample (tests/fixtures/content-bank), packed by the real `pack`
 * command and loaded by the widget. Its categories are ones the product has never seen; the chips show
 * the labels the content declares, in its order and in the agent's language, and search finds its articles
 * in English and Chinese.
 */
import {expect} from '@open-wc/testing';
import type {AgentAssist} from '../../src/components/agent-assist/agent-assist.js';
import {defineElements} from '../../widget/define-elements.js';
import {longCommand} from '../widget/long-command.js';
import {articleView, browseTitles, loadedWidget, panel, resultTitles, searchBox, settle} from './harness.js';

defineElements();

let packUrl = '';

before(async function () {
  this.timeout(120_000);
  const folder = `bank-pack-${Math.random().toString(36).slice(2)}`;
  const result = await longCommand<{code: number; stdout: string; stderr: string}>('aa-run-tool', {
    tool: 'pack',
    args: ['--content', 'tests/fixtures/content-bank', '--out', `@scratch/${folder}`],
    env: {SOURCE_DATE_EPOCH: '1790000000'},
  });
  expect(result.code, result.stderr).to.equal(0);
  expect(result.stdout).to.contain('pack: 26 articles, 2 scripts, 2 checklists');
  packUrl = `/.tmp/served/${folder}/manifest.json`;
});

const chips = (el: AgentAssist) =>
  [...panel(el).shadowRoot!.querySelectorAll('.chip')].map((c) => c.textContent!.trim());

/** The ids of the top hits for `query`, in the agent's language first. */
const top = async (el: AgentAssist, query: string, n = 1) =>
  (await el.search(query, {limit: n})).map((h) => h.id);

describe('a retail-banking knowledge base', () => {
  it("should show its declared categories as chips, in order, labelled in the agent's language", async () => {
    const el = await loadedWidget({lang: 'zh-CN', packUrl});
    expect(chips(el)).to.deep.equal([
      '全部',
      '银行卡',
      '活期账户',
      '储蓄',
      '个人贷款',
      '住房贷款',
      '支付与转账',
      '欺诈与诈骗',
      '网上与手机银行',
      '全部语言',
    ]);
    el.setAttribute('lang', 'en');
    await settle(el);
    expect(chips(el)).to.deep.equal([
      'All',
      'Cards',
      'Current accounts',
      'Savings',
      'Personal loans',
      'Mortgages',
      'Payments & transfers',
      'Fraud & scams',
      'Online & mobile banking',
      'All languages',
    ]);
    // The browse list is grouped under the same labels, in the same order.
    const headings = [...panel(el).shadowRoot!.querySelectorAll('h3.group')].map((h) =>
      h.textContent!.trim()
    );
    expect(headings.slice(0, 3)).to.deep.equal(['Cards', 'Current accounts', 'Savings']);
    expect(browseTitles(el)).to.include('Lost or stolen card');
  });

  it("should find its articles from English queries, typos and editors' aliases included", async () => {
    const el = await loadedWidget({lang: 'en', packUrl});
    expect(await top(el, 'lost card')).to.deep.equal(['cards/lost-or-stolen-card']);
    expect(await top(el, 'freeze card')).to.deep.equal(['cards/lost-or-stolen-card']);
    expect(await top(el, 'chargeback')).to.deep.equal(['cards/card-chargeback']);
    expect(await top(el, 'send money overseas')).to.deep.equal(['payments/international-transfer']);
    expect(await top(el, 'end of my fixed rate')).to.deep.equal(['mortgages/rate-switch-at-end-of-deal']);
    expect(await top(el, 'overdraft')).to.deep.equal(['current-accounts/arranged-overdraft']);
    expect(await top(el, 'settlment figure')).to.deep.equal(['loans/early-loan-repayment']);
    expect(await top(el, 'safe account scam')).to.deep.equal(['fraud/authorised-push-payment-scams']);
  });

  it('should find its Chinese articles from Chinese queries', async () => {
    const el = await loadedWidget({lang: 'zh-CN', packUrl});
    expect(await top(el, '挂失')).to.deep.equal(['zh/cards/lost-or-stolen-card']);
    expect(await top(el, '卡丢了')).to.deep.equal(['zh/cards/lost-or-stolen-card']);
    expect(await top(el, '境外汇款')).to.deep.equal(['zh/payments/international-transfer']);
    expect(await top(el, '提前还款')).to.deep.equal(['zh/loans/early-repayment']);
    expect(await top(el, '被骗')).to.deep.equal(['zh/fraud/payment-scams']);
    expect(await top(el, '忘记密码')).to.deep.equal(['zh/digital-banking/app-login']);
  });

  it('should filter by a category of its own with the chip, and label the article with it', async () => {
    const el = await loadedWidget({lang: 'en', packUrl});
    searchBox(el).value = 'repayment';
    searchBox(el).dispatchEvent(new Event('input'));
    await new Promise((r) => setTimeout(r, 150));
    await settle(el);
    const loans = [...panel(el).shadowRoot!.querySelectorAll<HTMLButtonElement>('.chip')].find(
      (c) => c.textContent!.trim() === 'Personal loans'
    )!;
    loans.click();
    await new Promise((r) => setTimeout(r, 150));
    await settle(el);
    const hits = await el.search('repayment', {filters: {category: 'loans'}});
    expect(hits.length).to.be.greaterThan(0);
    expect(hits.every((h) => h.category === 'loans')).to.equal(true);
    expect(resultTitles(el)).to.deep.equal(hits.map((h) => h.title));
    await el.openArticle('loans/early-loan-repayment');
    await settle(el);
    const meta = articleView(el)!.shadowRoot!.querySelector('.meta')!.textContent!.replace(/\s+/g, ' ');
    expect(meta.trim()).to.match(/^Personal loans · /);
  });

  it('should offer its scripts for its own queues', async () => {
    const el = await loadedWidget({lang: 'en', packUrl});
    expect(await el.listScripts()).to.deep.equal([
      {id: 'card-services', title: 'Card services (inbound)', lang: 'en', queues: ['cards']},
      {id: 'zh-card-services', title: '银行卡服务（呼入）', lang: 'zh-CN', queues: ['cards']},
    ]);
  });
});
