/**
 * `prefers-reduced-motion: reduce` through the real element: in every section, during a call, nothing in
 * the widget's shadow trees runs an animation or a transition, or scrolls smoothly, even where a view's
 * own rule asks for motion (a rule added here, as a later theme or change might).
 */
import {expect, fixture, html} from '@open-wc/testing';
import {emulateMedia} from '@web/test-runner-commands';
import type {AgentAssist} from '../../src/components/agent-assist/agent-assist.js';
import {defineElements} from '../../widget/define-elements.js';
import {mountForCalls, shell} from './harness.js';

defineElements();

/** Every element in `root` and in the shadow trees inside it. */
function allElements(root: ShadowRoot | Document): Element[] {
  const out: Element[] = [];
  for (const el of root.querySelectorAll('*')) {
    out.push(el);
    if (el.shadowRoot) out.push(...allElements(el.shadowRoot));
  }
  return out;
}

/** What moves: running animations, and elements whose style would animate, transition or scroll smoothly. */
function motion(el: AgentAssist) {
  const elements = allElements(el.shadowRoot!);
  const moving = elements.filter((e) => {
    const style = getComputedStyle(e);
    const seconds = (v: string) => Math.max(...v.split(',').map((t) => parseFloat(t) || 0));
    return (
      (style.animationName !== 'none' && seconds(style.animationDuration) > 0) ||
      seconds(style.transitionDuration) > 0 ||
      style.scrollBehavior === 'smooth'
    );
  });
  return {
    checked: elements.length,
    moving: moving.map((e) => e.localName + (e.className ? `.${String(e.className)}` : '')),
    running: el.shadowRoot!.getAnimations().length,
  };
}

describe('prefers-reduced-motion (<agent-assist>)', function () {
  this.timeout(20_000);

  afterEach(() => emulateMedia({reducedMotion: 'no-preference'}));

  it('should move nothing in any section when the system asks for reduced motion', async () => {
    await emulateMedia({reducedMotion: 'reduce'});
    const parent = await fixture<HTMLDivElement>(html`<div style="height: 600px"></div>`);
    const el = await mountForCalls(
      {
        agentId: `a-motion-${crypto.randomUUID().slice(0, 8)}`,
        queue: 'billing',
        packUrl: '/dist/kb/manifest.json',
      },
      parent
    );
    // A rule asking for motion, as a later theme or change might add: the reduced-motion rule wins.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(
      '.tab { transition: background 300ms; } .panel { scroll-behavior: smooth; } ' +
        '@keyframes aa-test-pulse { to { opacity: 0.5; } } .brand { animation: aa-test-pulse 1s infinite; }'
    );
    el.shadowRoot!.adoptedStyleSheets = [...el.shadowRoot!.adoptedStyleSheets, sheet];
    await el.startCall({scriptId: 'billing-inbound'});
    for (const section of ['script', 'checklist', 'knowledge', 'qa']) {
      shell(el).querySelector<HTMLElement>(`#tab-${section}`)!.click();
      await el.updateComplete;
      await new Promise((r) => setTimeout(r, 50));
      const seen = motion(el);
      expect(seen.checked, section).to.be.greaterThan(20);
      expect(seen.moving, section).to.deep.equal([]);
      expect(seen.running, section).to.equal(0);
    }
    await el.endCall();

    // The same rules move when motion is welcome (so the check above can see motion at all).
    await emulateMedia({reducedMotion: 'no-preference'});
    await new Promise((r) => setTimeout(r, 50));
    expect(motion(el).moving).to.include.members(['h1.brand', 'button.tab']);
  });
});
