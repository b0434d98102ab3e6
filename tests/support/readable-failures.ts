/**
 * A root `afterEach` that turns DOM nodes in a failed assertion's `actual` / `expected` into a short
 * description. Without it, `expect(activeElement).to.equal(box)` failing inside the widget never reports:
 * the runner tries to serialize the element (its shadow roots, Lit's state, the document behind it), the
 * page stalls and the run ends minutes later with "browser disconnected" and no message at all.
 * Imported for its side effect by tests/components/harness.ts; mocha registers it once per page.
 */

/** `<input type="checkbox" data-item-box="identity">`-like: enough to tell which element it was. */
export function describeNode(node: Node): string {
  if (!(node instanceof Element)) return node.nodeName;
  const attrs = [...node.attributes]
    .filter((a) => a.name === 'id' || a.name === 'class' || a.name === 'type' || a.name.startsWith('data-'))
    .map((a) => ` ${a.name}="${a.value.slice(0, 40)}"`)
    .join('');
  const root = node.getRootNode();
  const host = root instanceof ShadowRoot ? ` in <${root.host.localName}>'s shadow root` : '';
  return `<${node.localName}${attrs}>${host}`;
}

afterEach(function () {
  const err = this.currentTest?.err as {actual?: unknown; expected?: unknown} | undefined;
  if (!err) return;
  for (const key of ['actual', 'expected'] as const) {
    const value = err[key];
    if (value instanceof Node) err[key] = describeNode(value);
  }
});
