/**
 * Registers the widget's service worker (`sw.js`, see widget/sw.ts) through workbox-window, for pages on
 * the widget's own origin (`frame.html`, the demo), and lets a new version take over only between calls
 * ({@link AppUpdate}). The agent is told in `notice`, an element of the page outside the widget: a line of
 * text and, between calls, a button to update now.
 */
import {Workbox} from 'workbox-window';
import {AppUpdate} from '../src/session/app-update.js';
import type {AppUpdateNotice} from '../src/session/app-update.js';

export interface AppWorkerOptions {
  /** The worker script; its folder is its scope. */
  swUrl: string | URL;
  /** Where the agent is told about an update (emptied and filled here; hidden when there is nothing). */
  notice: HTMLElement;
  /** The notice's language, or a function giving it when the notice shows (the frame's can change live). */
  lang: UpdateLang | (() => UpdateLang);
}

type UpdateLang = 'en' | 'zh-CN';

/** How often a page left open all shift asks for a new version. */
const CHECK_EVERY_MS = 60 * 60 * 1000;

// Kept here rather than in the widget's strings: this file is loaded beside the widget, not inside it,
// and sharing a module would split the widget's entry into an extra request.
const TEXT: Record<UpdateLang, Record<Exclude<AppUpdateNotice, 'none'>, string> & {now: string}> = {
  en: {
    'after-call': 'A new version of agent assist is ready. It will be applied when this call ends.',
    ready: 'A new version of agent assist is ready.',
    reload: 'A new version of agent assist is installed. Reload to use it.',
    now: 'Update now',
  },
  'zh-CN': {
    'after-call': '坐席助手有新版本，将在本次通话结束后应用。',
    ready: '坐席助手有新版本。',
    reload: '坐席助手新版本已安装，重新加载后使用。',
    now: '立即更新',
  },
};

/** Every `<agent-assist>` of the page: is one of them on a call? */
async function anyCall(): Promise<boolean> {
  const elements = [...document.querySelectorAll('agent-assist')] as Array<
    Element & {getCall?: () => Promise<unknown>}
  >;
  const calls = await Promise.all(elements.map((el) => el.getCall?.().catch(() => null) ?? null));
  return calls.some((call) => call !== null);
}

/**
 * Registers the worker (after the page has loaded, so it never competes with the widget's first render)
 * and wires updates to call boundaries. Resolves the registration, or null where service workers are not
 * available (an insecure origin, a browser that refuses them).
 */
export async function registerAppWorker(
  options: AppWorkerOptions
): Promise<ServiceWorkerRegistration | null> {
  if (!('serviceWorker' in navigator)) return null;
  const wb = new Workbox(String(options.swUrl));
  let registered: ServiceWorkerRegistration | undefined;
  const update = new AppUpdate({
    inCall: anyCall,
    skipWaiting: () => wb.messageSkipWaiting(),
    hasWaiting: async () => registered?.waiting != null,
    reload: () => location.reload(),
    session: sessionStorage,
    notify(notice) {
      const {notice: el} = options;
      el.replaceChildren();
      el.hidden = notice === 'none';
      if (notice === 'none') return;
      const text = TEXT[typeof options.lang === 'function' ? options.lang() : options.lang];
      el.append(text[notice]);
      if (notice === 'ready' || notice === 'reload') {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = text.now;
        button.addEventListener('click', () => void update.applyNow());
        el.append(' ', button);
      }
    },
  });
  wb.addEventListener('waiting', (e) => void update.waiting(e.wasWaitingBeforeRegister === true));
  wb.addEventListener('controlling', (e) => {
    if (e.isUpdate) void update.controlling();
  });
  // The widget's events bubble out of it (composed): the page hears every call start and end.
  document.addEventListener('aa-call-start', () => update.callStarted());
  document.addEventListener('aa-call-end', () => update.callEnded());
  try {
    const registration = (registered = await wb.register());
    setInterval(() => void wb.update().catch(() => undefined), CHECK_EVERY_MS);
    return registration ?? null;
  } catch (err) {
    // No worker means no offline start, not a broken widget: say why in the console and go on.
    console.warn('agent-assist: the service worker could not be registered:', err);
    return null;
  }
}
