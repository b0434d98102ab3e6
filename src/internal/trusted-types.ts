/**
 * The widget's Trusted Types policies: every Trusted Types sink the widget reaches goes through one of
 * these two names, which a host lists in its CSP `trusted-types` directive.
 * - `agent-assist-lit` ({@link TEMPLATE_POLICY}): the static markup of the widget's Lit templates. The
 *   bundle's copy of lit-html asks {@link litTemplatePolicy} instead of creating its own `lit-html`
 *   policy (src/build/lit-trusted-types-plugin.ts), so it never collides with a host's own Lit.
 * - `agent-assist` ({@link WIDGET_POLICY}): article HTML on its way into DOMPurify (parsed into an inert
 *   document and sanitized there; the page receives a fragment of the sanitized nodes, never this
 *   value) and the search worker's script URL (only same-origin http(s) URLs of the widget's server).
 * Dynamic `import()` of the widget's chunks is not a Trusted Types sink. Each policy is created when the
 * widget first renders, once per copy of this module, so a second copy of the widget that never renders
 * (its elements already defined by the first) creates none.
 * Where the page's CSP refuses a name, `createPolicy` throws: that is caught and remembered, the element
 * reports it once ({@link blockedPolicies}, `aa-error` `trusted-types-blocked`), and the sinks behind it
 * degrade instead of throwing.
 */
import type {
  TrustedHTML,
  TrustedScriptURL,
  TrustedTypePolicy,
  TrustedTypePolicyFactory,
  TrustedTypePolicyOptions,
} from 'trusted-types/lib/index.js';

/** The policy for Lit's templates (in place of Lit's own `lit-html`). */
export const TEMPLATE_POLICY = 'agent-assist-lit';
/** The policy for sanitized article HTML and the search worker's script URL. */
export const WIDGET_POLICY = 'agent-assist';

/** A policy the page's CSP refused, with the browser's reason. */
export interface BlockedPolicy {
  name: string;
  /** The name is allowed but already taken (another copy of the widget): `'allow-duplicates'` is missing. */
  duplicate: boolean;
  reason: string;
}

const created = new Map<string, TrustedTypePolicy | BlockedPolicy>();
/** True once the bundle's lit-html asked for {@link litTemplatePolicy} (never in unbundled source). */
let templatesUsePolicy = false;

function factory(): TrustedTypePolicyFactory | undefined {
  return (globalThis as {trustedTypes?: TrustedTypePolicyFactory}).trustedTypes;
}

function isBlocked(p: TrustedTypePolicy | BlockedPolicy): p is BlockedPolicy {
  return 'reason' in p;
}

/** The policy `name`, created on first call; undefined where the browser has no Trusted Types. */
function policy(
  name: string,
  rules: TrustedTypePolicyOptions
): TrustedTypePolicy | BlockedPolicy | undefined {
  const tt = factory();
  if (!tt) return undefined;
  let p = created.get(name);
  if (!p) {
    try {
      p = tt.createPolicy(name, rules);
    } catch (err) {
      const reason = (err as Error).message;
      p = {name, duplicate: /already exists/i.test(reason), reason};
    }
    created.set(name, p);
  }
  return p;
}

function templatePolicy() {
  // Lit passes only its templates' static strings (with its markers), never data.
  return policy(TEMPLATE_POLICY, {createHTML: (html) => html});
}

/** Where the widget's own files are served from: the only origin whose scripts it starts. */
const ownOrigin = new URL(import.meta.url).origin;

function widgetPolicy() {
  return policy(WIDGET_POLICY, {
    // Called only by DOMPurify, on article HTML it then parses into an inert document and sanitizes; the
    // sanitized nodes reach the page as a fragment, never as this value.
    createHTML: (html) => html,
    createScriptURL: (url) => {
      const u = new URL(url, document.baseURI);
      if (u.origin !== ownOrigin || !/^https?:$/.test(u.protocol)) {
        throw new TypeError(`agent-assist: refusing to start a script from ${u.href}`);
      }
      return u.href;
    },
  });
}

/**
 * For the bundle's lit-html, in place of `trustedTypes.createPolicy('lit-html', …)` (called only where the
 * browser has Trusted Types). Creates `agent-assist-lit` when the first template is made, not when the
 * module loads; where the page refused it, returns the markup unchanged, which the element never lets
 * reach a sink (it renders a text notice instead, see {@link templatesBlocked}).
 */
export function litTemplatePolicy(): {createHTML(html: string): TrustedHTML | string} {
  templatesUsePolicy = true;
  return {
    createHTML: (html) => {
      const p = templatePolicy();
      return p && !isBlocked(p) ? p.createHTML(html) : html;
    },
  };
}

/** True when Lit's templates need `agent-assist-lit` and the page refused it: nothing can be rendered. */
export function templatesBlocked(): boolean {
  if (!templatesUsePolicy) return false;
  const p = templatePolicy();
  return p !== undefined && isBlocked(p);
}

/**
 * True when the page refused `agent-assist`: article HTML can only be shown as text, and the search
 * worker cannot start.
 */
export function widgetPolicyBlocked(): boolean {
  const p = widgetPolicy();
  return p !== undefined && isBlocked(p);
}

/**
 * The policy DOMPurify parses article HTML through (its `TRUSTED_TYPES_POLICY`): `agent-assist`, or null
 * where the browser has no Trusted Types (strings are fine there) or the page refused it (then the caller
 * must not reach a sink; see {@link widgetPolicyBlocked}).
 */
export function articleHTMLPolicy(): TrustedTypePolicy | null {
  const p = widgetPolicy();
  return p && !isBlocked(p) ? p : null;
}

/**
 * `url` as a TrustedScriptURL through `agent-assist` (the plain URL where the browser has no Trusted
 * Types); null when the page refused the policy. Throws for a URL that is not on the widget's origin.
 */
export function trustedScriptURL(url: URL | string): TrustedScriptURL | string | null {
  const p = widgetPolicy();
  if (p === undefined) return String(url);
  return isBlocked(p) ? null : p.createScriptURL(String(url));
}

/**
 * Creates every policy the widget needs now (each at most once per page) and returns those the page's
 * CSP refused; empty where the browser has no Trusted Types or allows them all.
 */
export function blockedPolicies(): BlockedPolicy[] {
  const all = [templatesUsePolicy ? templatePolicy() : undefined, widgetPolicy()];
  return all.filter((p): p is BlockedPolicy => p !== undefined && isBlocked(p));
}

/** The `aa-error` message for refused policies: what to add to the CSP, and what works meanwhile. */
export function describeBlocked(blocked: BlockedPolicy[]): string {
  const names = (list: BlockedPolicy[]) => list.map((b) => `"${b.name}"`).join(' and ');
  const refused = blocked.filter((b) => !b.duplicate);
  const taken = blocked.filter((b) => b.duplicate);
  const parts: string[] = [];
  if (refused.length > 0) {
    parts.push(
      `this page's Content-Security-Policy does not allow the Trusted Types ` +
        `${refused.length === 1 ? 'policy' : 'policies'} ${names(refused)}: add ` +
        `${refused.map((b) => b.name).join(' ')} to its trusted-types directive`
    );
  }
  if (taken.length > 0) {
    parts.push(
      `a Trusted Types policy named ${names(taken)} already exists on this page (another copy of ` +
        `agent-assist?): add 'allow-duplicates' to the trusted-types directive`
    );
  }
  const effect = blocked.some((b) => b.name === TEMPLATE_POLICY)
    ? 'Until then the widget cannot be shown; its methods, search() included, still work'
    : 'Until then articles are shown as plain text and search runs on the page instead of in a worker';
  return `agent-assist: ${parts.join('; ')} (see README, Embedding). ${effect}.`;
}
