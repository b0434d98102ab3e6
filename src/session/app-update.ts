/**
 * When a new version of the widget (a new service worker) may take over: only between calls, and with at
 * most one automatic reload per browser-tab session. The service worker plumbing (workbox-window) and the
 * notice the agent sees are the host's adapters; this decides.
 *
 * - An update found during a call waits; the agent is told it will apply when the call ends.
 * - It applies at the next call end, or at once when it was already waiting as the page loaded and no
 *   call was resumed (the start of a session is a boundary too).
 * - Found between calls, the agent is offered "Update now", and it applies after the next call.
 * - Taking over reloads the page so it runs the new version, never during a call. The automatic reload is
 *   remembered in sessionStorage (an in-memory guard does not survive the reload), so rolling deploys that
 *   alternate builds cannot make the page reload again and again: after one, the agent decides.
 */

/** What the agent is told. */
export type AppUpdateNotice =
  | 'none'
  /** A new version waits for the call to end. */
  | 'after-call'
  /** A new version is ready; "Update now". */
  | 'ready'
  /** The new version is in charge; this page runs the old one until it reloads ("Reload"). */
  | 'reload';

export interface AppUpdateHost {
  /** Whether a call is running on this page. */
  inCall(): Promise<boolean>;
  /** Tells the waiting worker to take over. */
  skipWaiting(): void;
  /**
   * Whether a new version is installed and waiting, as the browser knows it now: workbox-window says
   * so (`waiting`) only 200 ms after the worker is installed, and a call can end in between.
   */
  hasWaiting(): Promise<boolean>;
  reload(): void;
  notify(notice: AppUpdateNotice): void;
  /** Survives a reload of this tab, not the tab (sessionStorage). */
  session: Pick<Storage, 'getItem' | 'setItem'>;
}

/** The sessionStorage key counting this tab's automatic reloads for an update. */
export const RELOADED_KEY = 'agent-assist:update-reloaded';

export class AppUpdate {
  private _waiting = false;
  /** The agent asked for the update (a reload they asked for is not an automatic one). */
  private _asked = false;
  /** The new version took over while a call ran: reload when it ends. */
  private _reloadAfterCall = false;
  /** The waiting worker was told to take over. */
  private _skipped = false;

  constructor(private readonly _host: AppUpdateHost) {}

  private get _reloadedBefore(): boolean {
    return this._host.session.getItem(RELOADED_KEY) !== null;
  }

  /** A new version is installed and waiting; `atLoad`: it already was when this page loaded. */
  async waiting(atLoad: boolean): Promise<void> {
    // Already told to take over (a call end found it first): nothing to offer.
    if (this._skipped) return;
    this._waiting = true;
    if (await this._host.inCall()) this._host.notify('after-call');
    else if (atLoad && !this._reloadedBefore) this._apply();
    else this._host.notify('ready');
  }

  callStarted(): void {
    if (this._waiting) this._host.notify('after-call');
  }

  /** A call ended: the boundary where a waiting update applies and a pending reload happens. */
  callEnded(): Promise<void> {
    if (this._reloadAfterCall) this._reload();
    else if (this._waiting) this._atBoundary();
    else {
      return this._host.hasWaiting().then((waiting) => {
        // (Announced meanwhile: `waiting()` has decided.)
        if (!waiting || this._waiting) return;
        this._waiting = true;
        this._atBoundary();
      });
    }
    return Promise.resolve();
  }

  private _atBoundary(): void {
    if (this._reloadedBefore) this._host.notify('ready');
    else this._apply();
  }

  /** "Update now" (or "Reload"), chosen by the agent between calls. */
  async applyNow(): Promise<void> {
    if (await this._host.inCall()) return;
    this._asked = true;
    if (this._waiting) this._apply();
    else this._reload();
  }

  /** The new version took control of this page (asked here, or by another tab). */
  async controlling(): Promise<void> {
    // The version it was told about is in charge: a later one is offered anew.
    this._waiting = false;
    this._skipped = false;
    if (await this._host.inCall()) {
      this._reloadAfterCall = true;
      this._host.notify('after-call');
    } else if (this._asked || !this._reloadedBefore) this._reload();
    else this._host.notify('reload');
  }

  private _apply(): void {
    this._skipped = true;
    this._host.skipWaiting();
  }

  private _reload(): void {
    if (!this._asked) {
      // Checked again here: a reload is never automatic twice in one tab session.
      if (this._reloadedBefore) {
        this._host.notify('reload');
        return;
      }
      this._host.session.setItem(RELOADED_KEY, new Date().toISOString());
    }
    this._reloadAfterCall = false;
    this._host.reload();
  }
}
