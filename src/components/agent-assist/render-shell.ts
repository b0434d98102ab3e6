/**
 * The widget's frame: header (brand, connection, agent, storage badges), banners for a lost or
 * unavailable log, the section tabs (arrow keys, Home, End) and one panel per section. The frame is a region
 * landmark named by the brand; its header is a plain box, not a banner (that is the host page's).
 */
import {html} from 'lit';
import type {TemplateResult} from 'lit';
import {SECTIONS} from '../../config/parse-attributes.js';
import type {AgentAssistSettings, Section} from '../../config/parse-attributes.js';
import type {UiStrings} from '../../i18n/strings.js';
import type {CallSession} from '../../session/call-session.js';
import type {LogConnection} from '../../session/log-connection.js';
import {NEARLY_FULL} from '../../storage/storage-health.js';
import {sectionLabels} from './section-labels.js';
import type {SyncState} from '../../sync/uploader.js';

/** What the frame shows of the call session: the storage badges and the log's banners. */
export interface ShellCalls {
  health: CallSession['health'];
  connection: Pick<LogConnection, 'lost' | 'upgraded' | 'unavailable' | 'wiped'>;
}

/** The frame before the call session has loaded: nothing to say about storage or the log yet. */
export const NO_CALLS: ShellCalls = {
  health: {persisted: null, usage: null},
  connection: {lost: false, upgraded: false, unavailable: null, wiped: false},
};

export interface ShellInput {
  /** The upload's state, or null without `sync-url`. */
  sync: Readonly<SyncState> | null;
  strings: UiStrings;
  settings: Readonly<AgentAssistSettings>;
  section: Section;
  online: boolean;
  calls: ShellCalls;
  /** A tab was chosen (`focus`: by keyboard, so focus follows it). */
  onSelect(section: Section, focus: boolean): void;
  panels: Record<Section, unknown>;
  /** The screen-reader live regions (new step, overdue item, upload problem), outside every panel. */
  announcements: unknown;
}

/** Moves between tabs with the arrow keys, Home and End (the WAI-ARIA tabs pattern). */
function onTabKeydown(e: KeyboardEvent, input: ShellInput): void {
  const index = SECTIONS.indexOf(input.section);
  const moves: Record<string, number> = {
    ArrowRight: (index + 1) % SECTIONS.length,
    ArrowLeft: (index - 1 + SECTIONS.length) % SECTIONS.length,
    Home: 0,
    End: SECTIONS.length - 1,
  };
  const target = moves[e.key];
  if (target === undefined) return;
  e.preventDefault();
  input.onSelect(SECTIONS[target]!, true);
}

/** Storage in agents' words; the detail (for QA and IT) in the tooltip. */
function storageBadges(s: UiStrings, calls: ShellCalls, uploads: boolean) {
  const {persisted, usage} = calls.health;
  // With uploads, the upload badge already says what is still only here ("3 to upload").
  return html`
    ${persisted === false && !uploads ? html`<span class="badge" title=${s.storageBestEffortHint}>${s.storageBestEffort}</span>` : null}
    ${
      usage !== null && usage >= NEARLY_FULL
        ? html`<span class="badge warn" role="status" title=${s.storageNearlyFullHint}
            >${s.storageNearlyFull(Math.round(usage * 100))}</span
          >`
        : null
    }
  `;
}

/**
 * The upload in a few words: what waits, what was refused, and the last problem (in the tooltip too). Not
 * a live region: its count changes with every upload; a problem and its end are said once by the shell's.
 */
function syncStatus(s: UiStrings, sync: Readonly<SyncState> | null) {
  if (!sync) return null;
  const problem = sync.lastError ? `${s.syncProblem} ${sync.lastError}` : '';
  return html`<span class="badge sync ${sync.lastError ? 'warn' : ''}" title=${problem}>
    ${sync.pending > 0 ? s.syncPending(sync.pending) : s.syncUploaded}${
      sync.deadLetters > 0 ? html` · ${s.syncRefused(sync.deadLetters)}` : null
    }${sync.lastError ? html`<span class="visually-hidden"> ${problem}</span>` : null}
  </span>`;
}

function banner(s: UiStrings, calls: ShellCalls) {
  const {lost, upgraded, unavailable, wiped} = calls.connection;
  const text = lost
    ? s.logLost
    : upgraded
      ? s.updateReady
      : unavailable
        ? s.storageUnavailable
        : wiped
          ? s.logWiped
          : null;
  return text === null ? null : html`<p class="banner" role="alert">${text}</p>`;
}

export function renderShell(input: ShellInput): TemplateResult {
  const {strings: s, settings, section: current, online, calls} = input;
  const labels = sectionLabels(s);
  return html`
    <div part="base" class="base" lang=${settings.lang} tabindex="-1" role="region" aria-labelledby="brand">
      <div part="header" class="header">
        <h1 class="brand" id="brand">${s.brand}</h1>
        <div class="status">
          <span role="status"
            ><span class="dot ${online ? '' : 'offline'}"></span>${online ? s.online : s.offline}</span
          >
          <span class="agent">${s.agentIs(settings.agentId)}</span>
          ${syncStatus(s, input.sync)} ${storageBadges(s, calls, input.sync !== null)}
        </div>
      </div>
      ${banner(s, calls)}
      <div
        part="tabs"
        class="tabs"
        role="tablist"
        aria-label=${s.sections}
        @keydown=${(e: KeyboardEvent) => onTabKeydown(e, input)}
      >
        ${SECTIONS.map(
          (section) => html`
            <button
              part="tab"
              class="tab"
              id="tab-${section}"
              role="tab"
              aria-selected=${section === current ? 'true' : 'false'}
              aria-controls="panel-${section}"
              tabindex=${section === current ? '0' : '-1'}
              @click=${() => input.onSelect(section, false)}
            >
              ${labels[section]}
            </button>
          `
        )}
      </div>
      ${SECTIONS.map(
        (section) => html`
          <section
            part="panel"
            class="panel"
            id="panel-${section}"
            role="tabpanel"
            aria-labelledby="tab-${section}"
            tabindex="0"
            ?hidden=${section !== current}
          >
            <h2 class="visually-hidden">${labels[section]}</h2>
            ${input.panels[section]}
          </section>
        `
      )}
      ${input.announcements}
    </div>
  `;
}
