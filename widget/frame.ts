/**
 * `dist/frame.js`, the script of `dist/frame.html`: copies the frame's URL parameters onto its
 * `<agent-assist>` (before the element upgrades, so it starts with them), loads the widget, and registers
 * the service worker that keeps the frame working offline. The host bridge (postMessage) is not part of
 * this page yet.
 */
import {registerAppWorker} from './app-worker.js';

/** The element's attributes a frame URL may set. */
const FRAME_PARAMETERS = [
  'agent-id',
  'lang',
  'pack-url',
  'queue',
  'sync-url',
  'theme',
  'retention-days',
  'section',
];

const params = new URLSearchParams(location.search);
const element = document.querySelector('agent-assist');
if (element) {
  for (const name of FRAME_PARAMETERS) {
    const value = params.get(name);
    if (value !== null) element.setAttribute(name, value);
  }
}
document.documentElement.lang = params.get('lang') === 'zh-CN' ? 'zh-CN' : 'en';

// The widget's own entry, next to this file (a separate file, so the widget keeps its single-module load).
await import(/* @vite-ignore */ new URL(/* @vite-ignore */ './agent-assist.js', import.meta.url).href);

const notice = document.getElementById('aa-app-update');
if (notice) {
  void registerAppWorker({
    swUrl: new URL(/* @vite-ignore */ './sw.js', import.meta.url),
    notice,
    lang: document.documentElement.lang === 'zh-CN' ? 'zh-CN' : 'en',
  });
}
