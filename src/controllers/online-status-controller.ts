/**
 * Tracks whether the browser believes it is online, for the status line. Display only: sync logic must
 * not trust `navigator.onLine` (a captive portal or dead VPN still reports online).
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';

export class OnlineStatusController implements ReactiveController {
  /** What the browser last reported. */
  online = true;
  private readonly _host: ReactiveControllerHost;
  private readonly _onChange = () => {
    this.online = navigator.onLine;
    this._host.requestUpdate();
  };

  constructor(host: ReactiveControllerHost) {
    this._host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.online = navigator.onLine;
    window.addEventListener('online', this._onChange);
    window.addEventListener('offline', this._onChange);
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this._onChange);
    window.removeEventListener('offline', this._onChange);
  }
}
