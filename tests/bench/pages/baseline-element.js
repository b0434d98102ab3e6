// Benchmark baseline: the smallest useful custom element (no framework, one shadow-root node), loaded and
// measured exactly like the widget, so results can be given as a ratio that absorbs machine noise.
class BenchBaseline extends HTMLElement {
  connectedCallback() {
    const root = this.shadowRoot ?? this.attachShadow({mode: 'open'});
    root.innerHTML = '<div part="base">baseline</div>';
    this.updateComplete = Promise.resolve(true);
  }
}
if (!customElements.get('bench-baseline')) customElements.define('bench-baseline', BenchBaseline);
