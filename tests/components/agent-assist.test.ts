import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import type {AgentAssist} from '../../src/components/agent-assist/agent-assist.js';
import type {AaChecklistView} from '../../src/components/checklist-view/checklist-view.js';
import type {AaScriptView} from '../../src/components/script-view/script-view.js';
import {defineElements} from '../../widget/define-elements.js';

defineElements();

const shadow = (el: AgentAssist) => el.shadowRoot!;

describe('<agent-assist>', () => {
  it('should render the shell with its four sections', async () => {
    const el = await fixture<AgentAssist>(html`<agent-assist lang="en"></agent-assist>`);
    const tabs = [...shadow(el).querySelectorAll('[role=tab]')].map((t) => t.textContent!.trim());
    expect(tabs).to.deep.equal(['Knowledge', 'Call script', 'Checklist', 'Quality']);
    const panels = [...shadow(el).querySelectorAll('[role=tabpanel]')];
    expect(panels.length).to.equal(4);
    // The call views load right after the first render.
    await customElements.whenDefined('aa-script-view');
    await customElements.whenDefined('aa-checklist-view');
    await panels[1]!.querySelector<AaScriptView>('aa-script-view')!.updateComplete;
    await panels[2]!.querySelector<AaChecklistView>('aa-checklist-view')!.updateComplete;
    // Without a pack-url (and no default next to a built script) there is no content to show.
    expect(panels[0]!.textContent).to.contain('No content pack is configured: set the pack-url attribute.');
    expect(panels[1]!.querySelector('aa-script-view')!.shadowRoot!.textContent).to.contain(
      'No call in progress.'
    );
    expect(panels[2]!.querySelector('aa-checklist-view')!.shadowRoot!.textContent).to.contain(
      'No call in progress.'
    );
    await expect(el).shadowDom.to.be.accessible();
  });

  it('should keep credentials set before its core has loaded, check them then, and hand them over', async () => {
    const el = document.createElement('agent-assist') as AgentAssist;
    const sync = async () => 'Bearer early-sync';
    const qa = async () => 'Bearer early-qa';
    // Set as a host would, right after creating it: the core loads only after the first render.
    el.syncAuth = sync;
    el.qaAuth = qa;
    expect(() => (el.qaAuth = 'Bearer x' as never)).to.throw(
      'agent-assist: qaAuth() expected a function returning the Authorization header value, or null'
    );
    expect(el.syncAuth).to.equal(sync);
    expect(el.qaAuth).to.equal(qa);
    document.body.append(el);
    try {
      // A method loads the core: the credentials are now the core's.
      expect(await el.getCall()).to.equal(null);
      expect(el.syncAuth).to.equal(sync);
      expect(el.qaAuth).to.equal(qa);
      el.syncAuth = null;
      expect(el.syncAuth).to.equal(null);
      expect(() => (el.syncAuth = 'nope' as never)).to.throw('syncAuth() expected');
    } finally {
      el.remove();
    }
  });

  it('should parse its attributes into settings', async () => {
    const el = await fixture<AgentAssist>(
      html`<agent-assist
        agent-id="a-1024"
        lang="zh-CN"
        theme="dark"
        queue="billing"
        pack-url="/kb/manifest.json"
      ></agent-assist>`
    );
    expect(el.settings).to.deep.equal({
      agentId: 'a-1024',
      lang: 'zh-CN',
      theme: 'dark',
      queue: 'billing',
      packUrl: new URL('/kb/manifest.json', document.baseURI).href,
      syncUrl: null,
      qaUrl: null,
      retentionDays: null,
    });
    expect(shadow(el).querySelector('[role=tab]')!.textContent!.trim()).to.equal('知识库');
  });

  it('should fall back to the default theme and fire aa-error naming the allowed values', async () => {
    const errors: CustomEvent[] = [];
    const listener = (e: Event) => errors.push(e as CustomEvent);
    document.addEventListener('aa-error', listener);
    try {
      const el = await fixture<AgentAssist>(html`<agent-assist theme="purple"></agent-assist>`);
      expect(el.settings.theme).to.equal('auto');
      expect(errors.length).to.equal(1);
      expect(errors[0]!.detail).to.deep.equal({
        code: 'invalid-attribute',
        message:
          'agent-assist: theme="purple" is not valid; expected one of "light", "dark", "auto". Using "auto".',
      });
      // The event reached document: it bubbles and crosses shadow roots.
      expect(errors[0]!.composed).to.equal(true);
      // The fallback is what renders: same colours as an explicit auto theme.
      const auto = await fixture<AgentAssist>(html`<agent-assist theme="auto"></agent-assist>`);
      const bg = (x: AgentAssist) =>
        getComputedStyle(shadow(x).querySelector('[part=base]')!).backgroundColor;
      expect(bg(el)).to.equal(bg(auto));
    } finally {
      document.removeEventListener('aa-error', listener);
    }
  });

  it('should report an attribute changed later to a bad value, once', async () => {
    const el = await fixture<AgentAssist>(html`<agent-assist theme="light"></agent-assist>`);
    setTimeout(() => el.setAttribute('lang', 'klingon'));
    const event = await oneEvent(el, 'aa-error');
    expect(event.detail.message).to.contain('lang="klingon"');
    expect(event.detail.message).to.contain('expected one of "en", "zh-CN"');
    let more = 0;
    el.addEventListener('aa-error', () => more++);
    el.setAttribute('queue', 'billing');
    await el.updateComplete;
    expect(more).to.equal(0);
  });

  it('should apply the dark theme', async () => {
    const light = await fixture<AgentAssist>(html`<agent-assist theme="light"></agent-assist>`);
    const dark = await fixture<AgentAssist>(html`<agent-assist theme="dark"></agent-assist>`);
    const bg = (x: AgentAssist) => getComputedStyle(shadow(x).querySelector('[part=base]')!).backgroundColor;
    expect(bg(light)).to.equal('rgb(255, 255, 255)');
    expect(bg(dark)).to.equal('rgb(22, 24, 29)');
  });

  it('should let the host theme it through --aa-* custom properties', async () => {
    const el = await fixture<AgentAssist>(
      html`<agent-assist theme="light" style="--aa-color-bg: rgb(1, 2, 3)"></agent-assist>`
    );
    expect(getComputedStyle(shadow(el).querySelector('[part=base]')!).backgroundColor).to.equal(
      'rgb(1, 2, 3)'
    );
  });

  it('should keep its own font size when the host shrinks rem', async () => {
    document.documentElement.style.fontSize = '62.5%';
    try {
      const el = await fixture<AgentAssist>(html`<agent-assist></agent-assist>`);
      expect(getComputedStyle(shadow(el).querySelector('[part=base]')!).fontSize).to.equal('14px');
    } finally {
      document.documentElement.style.fontSize = '';
    }
  });

  it('should switch sections from the keyboard', async () => {
    const el = await fixture<AgentAssist>(html`<agent-assist lang="en"></agent-assist>`);
    shadow(el).querySelector<HTMLElement>('#tab-knowledge')!.focus();
    await sendKeys({press: 'ArrowRight'});
    await el.updateComplete;
    const selected = () => shadow(el).querySelector('[aria-selected=true]')!.id;
    expect(selected()).to.equal('tab-script');
    expect(shadow(el).activeElement?.id).to.equal('tab-script');
    expect(shadow(el).querySelector<HTMLElement>('#panel-script')!.hidden).to.equal(false);
    expect(shadow(el).querySelector<HTMLElement>('#panel-knowledge')!.hidden).to.equal(true);
    await sendKeys({press: 'End'});
    await el.updateComplete;
    expect(selected()).to.equal('tab-qa');
    await sendKeys({press: 'ArrowRight'});
    await el.updateComplete;
    expect(selected()).to.equal('tab-knowledge');
  });

  it('should reject checklist calls without a running call, naming what was expected', async () => {
    const el = await fixture<AgentAssist>(
      html`<agent-assist agent-id="no-call-${Date.now()}"></agent-assist>`
    );
    const errorOf = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: Error) => e.message
      );
    expect(await errorOf(el.checkItem('greeting'))).to.equal(
      'agent-assist: checkItem() needs a running call; call startCall() first'
    );
    expect(await errorOf(el.checkItem(''))).to.equal(
      'agent-assist: checkItem() expected a checklist item id (a non-empty string) as the first argument'
    );
    expect(await errorOf(el.skipItem('greeting', '  '))).to.equal(
      'agent-assist: skipItem() expected a reason (a non-empty string) as the second argument'
    );
    expect(await errorOf(el.exportLog({format: 'xml' as 'json'}))).to.equal(
      'agent-assist: exportLog() expected format to be "json" or "csv", got "xml"'
    );
    expect(await errorOf(el.exportLog({format: 'csv', since: 'yesterday'}))).to.equal(
      'agent-assist: exportLog() expected since to be an ISO date or time, e.g. "2026-11-22T10:00:00Z"'
    );
    expect(await el.getCall()).to.equal(null);
  });
});
