/**
 * The shell's live regions, as a controller: it hears the element's own `aa-step-change` and
 * `aa-sync-state` (whoever caused them: the agent's key or click, the host's `completeStep()`, a script
 * switch, the uploader) and what a view asks to have said,
 * and keeps the text of one polite and one assertive region. They sit outside the panels because a live
 * region inside a hidden panel says nothing: an overdue item must be heard from the script tab too.
 */
import {html} from 'lit';
import type {ReactiveController, ReactiveControllerHost, TemplateResult} from 'lit';
import type {AaEvent} from '../../session/api-types.js';
import type {UiStrings} from '../../i18n/strings.js';
import {stepAnnouncement, syncAnnouncement} from './announcements.js';
import type {AnnouncedScript, Announcement} from './announcements.js';

/** What the announcer reads of the element when something happens. */
export interface AnnouncerSource {
  strings(): UiStrings;
  /** The running call's pinned script, or null. */
  script(): AnnouncedScript | null;
}

export class Announcer implements ReactiveController {
  private _polite = '';
  private _urgent = '';
  private _syncError: string | null = null;
  /** What each region was given since the last render (joined into its text). */
  private readonly _unrendered = new Map<'_polite' | '_urgent', string[]>();

  constructor(
    private readonly _host: ReactiveControllerHost & EventTarget,
    private readonly _source: AnnouncerSource
  ) {
    _host.addController(this);
  }

  private readonly _onStep = (e: Event) => {
    const {stepId} = (e as AaEvent<'aa-step-change'>).detail;
    this.say(stepAnnouncement(this._source.strings(), this._source.script(), stepId));
  };

  private readonly _onSync = (e: Event) => {
    const error = (e as AaEvent<'aa-sync-state'>).detail.lastError ?? null;
    const said = syncAnnouncement(this._source.strings(), this._syncError, error);
    this._syncError = error;
    this.say(said);
  };

  hostConnected(): void {
    this._host.addEventListener('aa-step-change', this._onStep);
    this._host.addEventListener('aa-sync-state', this._onSync);
  }

  hostDisconnected(): void {
    this._host.removeEventListener('aa-step-change', this._onStep);
    this._host.removeEventListener('aa-sync-state', this._onSync);
  }

  /**
   * Puts `announcement` in its region (the next render shows it; a screen reader then reads it). Said
   * before that render, after another of the same region (a new step and an upload problem at once), it
   * joins it rather than replacing it: neither may go unheard.
   */
  say(announcement: Announcement | null): void {
    if (!announcement) return;
    const key = announcement.urgent ? '_urgent' : '_polite';
    const parts = this._unrendered.get(key) ?? [];
    if (!parts.includes(announcement.text)) parts.push(announcement.text);
    this._unrendered.set(key, parts);
    this[key] = parts.join(' ');
    this._host.requestUpdate();
  }

  hostUpdated(): void {
    this._unrendered.clear();
  }

  /** The two regions, always in the DOM (a region added with its text is often not read). */
  render(): TemplateResult {
    return html`<div class="visually-hidden announce" role="status" aria-live="polite" aria-atomic="true">
        ${this._polite}
      </div>
      <div class="visually-hidden announce urgent" aria-live="assertive" aria-atomic="true">
        ${this._urgent}
      </div>`;
  }
}
