/**
 * Build-time (Node) plugin for the widget pass: the bundle's copy of lit-html creates no Trusted Types
 * policy of its own. Lit calls `trustedTypes.createPolicy('lit-html', …)` when its module loads; on a
 * host whose CSP `trusted-types` directive does not list `lit-html` that throws and the whole widget
 * fails to load, and on a host that bundles its own Lit the two copies collide on the name unless the
 * host also allows `'allow-duplicates'` (reliability.md, known failure 22). Here that call becomes a call
 * to `litTemplatePolicy()` of src/internal/trusted-types.ts, which creates `agent-assist-lit` on first
 * render and lets the element report a refusal as `aa-error`. The build fails if lit-html's code no
 * longer has the expected call (a Lit upgrade changed it), rather than shipping a bundle that breaks
 * under Trusted Types again.
 */
import type {Plugin} from 'vite';

export interface LitTrustedTypesOptions {
  /** The module exporting `litTemplatePolicy`, as a path from the project root (`/src/…`). */
  policyModule: string;
}

/** lit-html's own module, in its production or development build. */
const LIT_HTML_ID = /[\\/]lit-html[\\/](?:development[\\/])?lit-html\.js$/;
/** `<factory>.createPolicy('lit-html', {createHTML: (s) => s})`, minified or not. */
const CREATE_POLICY =
  /([\w$]+)\.createPolicy\(\s*(['"])lit-html\2\s*,\s*\{\s*createHTML:\s*\(?([\w$]+)\)?\s*=>\s*\3\s*,?\s*\}\s*\)/g;

/** Rewrites lit-html's source so that it asks `policyModule` for its template policy. */
export function rewriteLitPolicy(code: string, policyModule: string): string {
  const matches = code.match(CREATE_POLICY) ?? [];
  if (matches.length !== 1) {
    throw new Error(
      `agent-assist: expected one trustedTypes.createPolicy('lit-html', …) in lit-html, found ${matches.length}; ` +
        'update src/build/lit-trusted-types-plugin.ts for this version of Lit'
    );
  }
  // Appended, not prepended: imports are hoisted, and the source's lines (and its sourcemap) stay put.
  return (
    code.replace(CREATE_POLICY, '__aaLitTemplatePolicy()') +
    `\nimport {litTemplatePolicy as __aaLitTemplatePolicy} from ${JSON.stringify(policyModule)};\n`
  );
}

/** The Vite plugin: applies {@link rewriteLitPolicy} to lit-html when building. */
export function litTrustedTypes(options: LitTrustedTypesOptions): Plugin {
  return {
    name: 'agent-assist:lit-trusted-types',
    apply: 'build',
    transform(code, id) {
      if (!LIT_HTML_ID.test(id.split('?')[0]!)) return null;
      return {code: rewriteLitPolicy(code, options.policyModule), map: null};
    },
  };
}
