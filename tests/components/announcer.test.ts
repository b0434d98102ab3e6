/** The shell's live-region controller on a bare Lit host: what reaches each region, and when. */
import {expect, fixture, html} from '@open-wc/testing';
import {LitElement} from 'lit';
import {Announcer} from '../../src/components/agent-assist/announcer.js';
import {uiStrings} from '../../src/i18n/strings.js';

class AnnouncerHost extends LitElement {
  readonly announcer = new Announcer(this, {strings: () => uiStrings('en'), script: () => null});
  override render() {
    return this.announcer.render();
  }
}
customElements.define('test-announcer-host', AnnouncerHost);

const text = (host: AnnouncerHost, live: 'polite' | 'assertive') =>
  host.shadowRoot!.querySelector(`[aria-live=${live}]`)!.textContent!.replace(/\s+/g, ' ').trim();

describe('Announcer', () => {
  it('should join what is said to one region before the next render, and replace it after', async () => {
    const host = await fixture<AnnouncerHost>(html`<test-announcer-host></test-announcer-host>`);
    // A new step and an upload problem in the same moment: both are heard.
    host.announcer.say({text: 'Step 2 of 4: Verify.', urgent: false});
    host.announcer.say({text: 'Uploads are failing.', urgent: false});
    host.announcer.say({text: 'Uploads are failing.', urgent: false});
    host.announcer.say({text: 'Item overdue.', urgent: true});
    await host.updateComplete;
    expect(text(host, 'polite')).to.equal('Step 2 of 4: Verify. Uploads are failing.');
    expect(text(host, 'assertive')).to.equal('Item overdue.');
    // Said after that render: it replaces the region's text.
    host.announcer.say({text: 'Step 3 of 4: Help.', urgent: false});
    await host.updateComplete;
    expect(text(host, 'polite')).to.equal('Step 3 of 4: Help.');
    expect(text(host, 'assertive')).to.equal('Item overdue.');
  });
});
