/**
 * The widget's first frame painted with DOM calls, before Lit and the shell have loaded: the same frame
 * as `<agent-assist>`'s first render (header, section tabs, panels, "Loading the knowledge base…", the
 * live regions), so the widget shows after one file instead of two and Lit's start-up. When the element
 * upgrades, it renders into the same shadow root and replaces this frame in the same task, unseen.
 *
 * A test renders both for the same attributes and requires the same DOM, so the two cannot drift.
 */
import {parseAgentId, parseLang, parseSection, SECTIONS} from '../../config/parse-attributes.js';
import type {Section} from '../../config/parse-attributes.js';
import {uiStrings} from '../../i18n/strings.js';
import type {UiStrings} from '../../i18n/strings.js';
import {componentStyles} from '../../styles/component.styles.js';
import {tokenStyles} from '../../styles/tokens.styles.js';
import {agentAssistStyles} from './agent-assist.styles.js';
import {sectionLabels} from './section-labels.js';

export interface FirstFrameOptions {
  /** A pack will load (a `pack-url`, or the widget's default pack): "Loading…", else "No content pack". */
  packToLoad: boolean;
  /** The browser's languages (`navigator.languages`), for an absent or unsupported `lang`. */
  languages: readonly string[];
  /** What the browser reports (`navigator.onLine`), for the status line. */
  online: boolean;
}

/** The first frame's stylesheets, made once: the element's own (`AgentAssist.styles`). */
let sheets: CSSStyleSheet[] | null = null;

/**
 * Paints the first frame into a new open shadow root of `host`, reading its attributes as the element
 * does (an invalid one falls back silently: the element reports it once it has rendered). Does nothing
 * and returns false when `host` already has a shadow root (rendered, or painted by a second copy of the
 * widget's script).
 */
export function paintFirstFrame(host: HTMLElement, options: FirstFrameOptions): boolean {
  if (host.shadowRoot) return false;
  const root = host.attachShadow({mode: 'open'});
  sheets ??= [tokenStyles, componentStyles, agentAssistStyles].map((s) => s.styleSheet!);
  root.adoptedStyleSheets = sheets;
  const lang = parseLang(host.getAttribute('lang'), options.languages).value;
  const current = parseSection(host.getAttribute('section')).value;
  const agentId = parseAgentId(host.getAttribute('agent-id')).value;
  root.append(frame(uiStrings(lang), lang, agentId, current, options));
  return true;
}

/**
 * Says in each painted frame that the widget could not be loaded (its next file failed to arrive), where
 * it would otherwise say "Loading…" for ever.
 */
export function paintUnavailable(host: HTMLElement, options: Pick<FirstFrameOptions, 'languages'>): void {
  const note = host.shadowRoot?.querySelector('#panel-knowledge > p');
  if (!note) return;
  const s = uiStrings(parseLang(host.getAttribute('lang'), options.languages).value);
  note.className = 'error';
  note.setAttribute('role', 'alert');
  note.textContent = s.widgetUnavailable;
}

/** An element with attributes and children (the frame's one building block). */
function el(tag: string, attributes: Record<string, string>, ...children: Array<Node | string>): HTMLElement {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) e.setAttribute(name, value);
  e.append(...children);
  return e;
}

/** The frame as `renderShell()` draws it before the core has loaded (no sync, storage or call state yet). */
function frame(s: UiStrings, lang: string, agentId: string, current: Section, options: FirstFrameOptions) {
  const labels = sectionLabels(s);
  const online = options.online;
  return el(
    'div',
    {part: 'base', class: 'base', lang, tabindex: '-1', role: 'region', 'aria-labelledby': 'brand'},
    el(
      'div',
      {part: 'header', class: 'header'},
      el('h1', {class: 'brand', id: 'brand'}, s.brand),
      el(
        'div',
        {class: 'status'},
        el(
          'span',
          {role: 'status'},
          el('span', {class: online ? 'dot' : 'dot offline'}),
          online ? s.online : s.offline
        ),
        el('span', {class: 'agent'}, s.agentIs(agentId))
      )
    ),
    el(
      'div',
      {part: 'tabs', class: 'tabs', role: 'tablist', 'aria-label': s.sections},
      ...SECTIONS.map((section) =>
        el(
          'button',
          {
            part: 'tab',
            class: 'tab',
            id: `tab-${section}`,
            role: 'tab',
            'aria-selected': section === current ? 'true' : 'false',
            'aria-controls': `panel-${section}`,
            tabindex: section === current ? '0' : '-1',
          },
          labels[section]
        )
      )
    ),
    ...SECTIONS.map((section) => {
      const panel = el(
        'section',
        {
          part: 'panel',
          class: 'panel',
          id: `panel-${section}`,
          role: 'tabpanel',
          'aria-labelledby': `tab-${section}`,
          tabindex: '0',
        },
        el('h2', {class: 'visually-hidden'}, labels[section])
      );
      panel.hidden = section !== current;
      if (section === 'knowledge')
        panel.append(
          options.packToLoad
            ? el('p', {class: 'unavailable', role: 'status'}, s.loadingContent)
            : el('p', {class: 'unavailable'}, s.noPack)
        );
      return panel;
    }),
    // The live regions, always in the DOM (as the element's announcer renders them).
    el('div', {
      class: 'visually-hidden announce',
      role: 'status',
      'aria-live': 'polite',
      'aria-atomic': 'true',
    }),
    el('div', {class: 'visually-hidden announce urgent', 'aria-live': 'assertive', 'aria-atomic': 'true'})
  );
}
