/**
 * `dist/frame.js`, the script of `dist/frame.html`: copies the frame's URL parameters onto its
 * `<agent-assist>` (before the element upgrades, so it starts with them), starts the `postMessage` bridge
 * to the host page (accepting only the origins in `allowed-origins`), loads the widget, and registers the
 * service worker that keeps the frame working offline.
 */
import {FRAME_ATTRIBUTES} from '../src/bridge/frame-attributes.js';
import {startFrameBridge} from '../src/bridge/frame-bridge.js';
import {registerAppWorker} from './app-worker.js';

const params = new URLSearchParams(location.search);
const element = document.querySelector('agent-assist');
if (element) {
  for (const name of FRAME_ATTRIBUTES) {
    const value = params.get(name);
    if (value !== null) element.setAttribute(name, value);
  }
}
// The page's language follows the element's, also when the host changes it live (`aa:set`): the update
// notice outside the widget is read in it.
// (The element's own rule, `matchUiLang`, is not imported: a module shared with the widget's entry would
// become a chunk of its own, one more request before the widget's first render.)
const uiLang = () =>
  /^zh(-cn|-sg|-hans(-.*)?)?$/i.test(element?.getAttribute('lang')?.trim() ?? '') ? 'zh-CN' : 'en';
const pageLang = () => (document.documentElement.lang = uiLang());
pageLang();
if (element) new MutationObserver(pageLang).observe(element, {attributeFilter: ['lang']});

// The widget fills the frame and scrolls inside it (its header and tabs stay in view), below the update
// notice when that shows. A constructable stylesheet: no inline style for a strict CSP to refuse.
const frameSheet = new CSSStyleSheet();
frameSheet.replaceSync(
  'html, body {height: 100%; margin: 0} body {display: flex; flex-direction: column} ' +
    'body > p {flex: none; margin: 0; padding: 4px 8px} agent-assist {flex: 1 1 auto; height: auto; min-height: 0}'
);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, frameSheet];

// The widget's own entry, next to this file (a separate file, so the widget keeps its single-module load).
const widget = import(
  /* @vite-ignore */ new URL(/* @vite-ignore */ './agent-assist.js', import.meta.url).href
);

if (element) {
  // Before the widget runs: a host's handshake right after the frame's load, and the widget's first
  // events, must not be missed. Calls wait for the element to be defined.
  startFrameBridge({
    window,
    element,
    api: widget.then(() => customElements.whenDefined('agent-assist')).then(() => element),
    allowedOrigins: params.get('allowed-origins'),
    console,
  });
}

await widget;

const notice = document.getElementById('aa-app-update');
// Not in `npm start`: the dev server has no worker to register (as in the demo desktop).
if (notice && import.meta.env.PROD) {
  registerAppWorker({
    swUrl: new URL(/* @vite-ignore */ './sw.js', import.meta.url),
    notice,
    lang: uiLang,
  }).catch((err: Error) =>
    // A browser that blocks a third-party frame's storage refuses its worker (and sessionStorage) too.
    console.warn(`agent-assist: the frame works without its offline worker here: ${err.message}`)
  );
}
