/**
 * Internal events between the widget's own elements (`aa-internal-*`): they bubble within the shadow
 * tree they start in, but are not `composed`, so they never reach the host page. Only the root's public
 * `aa-*` events cross into it.
 */
export function emit(from: HTMLElement, name: `aa-internal-${string}`, detail?: unknown): void {
  from.dispatchEvent(new CustomEvent(name, {detail, bubbles: true, composed: false}));
}
