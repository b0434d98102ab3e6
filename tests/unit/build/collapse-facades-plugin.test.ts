import {expect} from '@open-wc/testing';
import {decode, encode} from '@jridgewell/sourcemap-codec';
import {collapseFacades} from '../../../src/build/collapse-facades-plugin.js';
import type {FacadeChunk} from '../../../src/build/collapse-facades-plugin.js';

const chunk = (fileName: string, code: string, more: Partial<FacadeChunk> = {}): FacadeChunk => ({
  fileName,
  code,
  isEntry: false,
  imports: [],
  dynamicImports: [],
  ...more,
});

/** An entry that imports the facade `chunks/define-elements.js` of `chunks/widget.js` lazily. */
function widgetBundle() {
  const entry = chunk('agent-assist.js', 'const e=import(`./chunks/define-elements.js`);paint();', {
    isEntry: true,
    dynamicImports: ['chunks/define-elements.js', 'chunks/create-frame.js'],
  });
  const facade = chunk(
    'chunks/define-elements.js',
    'export{r as AgentAssist,t as defineElements,n}from"./widget.js";',
    {imports: ['chunks/widget.js']}
  );
  const widget = chunk('chunks/widget.js', 'class r{}function t(){}function n(){}export{r,t,n};');
  return {entry, facade, widget, chunks: [entry, facade, widget]};
}

describe('collapseFacades', () => {
  it('should import the chunk behind a facade directly, under the names the facade gave', () => {
    const {entry, widget, chunks} = widgetBundle();
    const widgetCode = widget.code;
    expect(collapseFacades(chunks)).to.deep.equal(['chunks/define-elements.js']);
    expect(entry.code).to.equal(
      'const e=import(`./chunks/widget.js`).then(m=>({get AgentAssist(){return m.r},' +
        'get defineElements(){return m.t},get n(){return m.n}}));paint();'
    );
    expect(entry.dynamicImports).to.deep.equal(['chunks/widget.js', 'chunks/create-frame.js']);
    expect(widget.code).to.equal(widgetCode);
  });

  it('should rewrite every importer, with each one’s path and quotes, and each import in it', () => {
    const facade = chunk('chunks/core-module.js', "export{l as AgentAssistCore}from'./after-render.js';");
    const after = chunk('chunks/after-render.js', 'export{l};');
    const widget = chunk('chunks/widget.js', 'a=import("./core-module.js");b=import("./core-module.js");', {
      dynamicImports: ['chunks/core-module.js'],
    });
    const nested = chunk('sub/x.js', "import('../chunks/core-module.js')", {
      dynamicImports: ['chunks/core-module.js'],
    });
    expect(collapseFacades([facade, after, widget, nested])).to.deep.equal(['chunks/core-module.js']);
    const load = '.then(m=>({get AgentAssistCore(){return m.l}}))';
    expect(widget.code).to.equal(
      `a=import("./after-render.js")${load};b=import("./after-render.js")${load};`
    );
    expect(nested.code).to.equal(`import('../chunks/after-render.js')${load}`);
  });

  it('should leave a facade that anything imports statically, or imports in a way it cannot find', () => {
    const statically = widgetBundle();
    const importer = chunk('chunks/other.js', 'import"./define-elements.js";', {
      imports: ['chunks/define-elements.js'],
    });
    const code = statically.entry.code;
    expect(collapseFacades([...statically.chunks, importer])).to.deep.equal([]);
    expect(statically.entry.code).to.equal(code);

    const computed = widgetBundle();
    const byName = chunk('chunks/lazy.js', 'const f="./define-elements.js";import(f);', {
      dynamicImports: ['chunks/define-elements.js'],
    });
    expect(collapseFacades([...computed.chunks, byName])).to.deep.equal([]);
    // Not half done: the importer it could find is unchanged too.
    expect(computed.entry.code).to.equal(code);

    const named = widgetBundle();
    const url = chunk('chunks/prefetch.js', 'new URL(`./define-elements.js`,import.meta.url)');
    expect(collapseFacades([...named.chunks, url])).to.deep.equal([]);
    expect(named.entry.code).to.equal(code);
  });

  it('should leave entries and chunks that hold more than one re-export', () => {
    for (const facadeCode of [
      'export{r as AgentAssist}from"./widget.js";console.log(1);',
      'import"./x.js";export{r as AgentAssist}from"./widget.js";',
      'export{r as "agent-assist"}from"./widget.js";',
      'export*from"./widget.js";',
      'export{r as AgentAssist}from"./missing.js";',
    ]) {
      const {facade, chunks} = widgetBundle();
      facade.code = facadeCode;
      expect(collapseFacades(chunks), facadeCode).to.deep.equal([]);
    }
    const {facade, chunks} = widgetBundle();
    facade.isEntry = true;
    expect(collapseFacades(chunks)).to.deep.equal([]);
  });

  it('should keep the importer’s sourcemap pointing at the same source after the rewrite', () => {
    const {entry, chunks} = widgetBundle();
    entry.code = 'x();\nconst e=import(`./chunks/define-elements.js`);paint();\ny();';
    const paintAt = entry.code.split('\n')[1]!.indexOf('paint');
    const importAt = entry.code.split('\n')[1]!.indexOf('import(');
    // Line 2: `const` → source 1:0, the import → 1:10, a segment inside the specifier, `paint` → 2:0.
    entry.mappings = encode([
      [[0, 0, 0, 0]],
      [
        [0, 0, 1, 0],
        [importAt, 0, 1, 10],
        [importAt + 9, 0, 1, 12],
        [paintAt, 0, 2, 0],
      ],
      [[0, 0, 3, 0]],
    ]);
    collapseFacades(chunks);
    const lines = decode(entry.mappings);
    const line = entry.code.split('\n')[1]!;
    expect(lines[0]).to.deep.equal([[0, 0, 0, 0]]);
    expect(lines[1]).to.deep.equal([
      [0, 0, 1, 0],
      [line.indexOf('import('), 0, 1, 10],
      [line.indexOf('paint'), 0, 2, 0],
    ]);
    expect(lines[2]).to.deep.equal([[0, 0, 3, 0]]);
  });
});
