import {expect} from '@open-wc/testing';
import {formatDiagnostic, parseContent} from '../../../src/content/parse-content.js';
import type {SourceFile} from '../../../src/content/types.js';
import {article, checklist, CLOSING_CHECKLIST, LINEAR, script} from './fixtures.js';

const TODAY = '2026-11-22';

/** Diagnostics as `file:line:column severity: message` lines. */
function check(files: SourceFile[]): string[] {
  return parseContent(files, {today: TODAY}).diagnostics.map((d) => formatDiagnostic(d));
}

/** A valid content set to break one piece of. */
const base = (): SourceFile[] => [
  article('articles/billing/refunds.md'),
  script('scripts/billing.md', LINEAR),
  checklist('checklists/closing.md', CLOSING_CHECKLIST),
];

describe('parseContent', () => {
  it('should accept valid content with no diagnostics', () => {
    const content = parseContent(base(), {today: TODAY});
    expect(content.diagnostics).to.deep.equal([]);
    expect(content.articles.map((a) => a.id)).to.deep.equal(['billing/refunds']);
    expect(content.scripts[0]!.steps.map((s) => [s.id, s.phase])).to.deep.equal([
      ['greet', 'opening'],
      ['help', 'body'],
      ['bye', 'closing'],
    ]);
    expect(content.checklists[0]!.items[0]!.appliesTo.map((a) => a.id)).to.deep.equal(['bye']);
  });

  describe('front matter', () => {
    it('should report a file without front matter', () => {
      expect(check([{path: 'articles/a.md', text: '# Just markdown\n'}])).to.deep.equal([
        'articles/a.md:1:1 error: missing front matter: the file must start with a line "---", then key: value lines, then "---"',
      ]);
    });
    it('should report front matter that is never closed', () => {
      expect(check([{path: 'articles/a.md', text: '---\ntitle: x\n\nbody'}])).to.deep.equal([
        'articles/a.md:1:1 error: front matter is not closed: add a line "---" after the last key: value line',
      ]);
    });
    it('should report invalid YAML at its line and column', () => {
      const out = check([{path: 'articles/a.md', text: '---\ntitle: ok\ntags: [a, b\nlang: en\n---\nbody'}]);
      expect(out.length).to.be.greaterThan(0);
      expect(out[0]).to.match(/^articles\/a\.md:[34]:\d+ error: front matter: /);
    });
    it('should report an unclosed list on the line that opened it, not where the parser gave up', () => {
      expect(
        check([{path: 'articles/a.md', text: '---\ntitle: ok\ntags: [a, b\nlang: en\n---\nbody'}])
      ).to.deep.equal([
        'articles/a.md:3:7 error: front matter: this list is not closed: end it with "]" on the same line',
      ]);
    });
    it('should report a missing required field', () => {
      expect(check([article('articles/a.md', {owner: ''})])).to.deep.equal([
        'articles/a.md:1:1 error: missing "owner" in front matter',
      ]);
    });
    it('should report a value outside the allowed set at the value', () => {
      expect(check([article('articles/a.md', {lang: 'fr'})])).to.deep.equal([
        'articles/a.md:4:7 error: "lang" is "fr"; expected one of "en", "zh-CN"',
      ]);
    });
    it('should report a malformed date', () => {
      expect(check([article('articles/a.md', {review_by: '01/03/2027'})])).to.deep.equal([
        'articles/a.md:7:12 error: "review_by" must be a date written YYYY-MM-DD',
      ]);
    });
    it('should report an unknown key, naming the expected ones', () => {
      const [line] = check([article('articles/a.md', {reviewby: '2027-01-01'})]);
      expect(line).to.match(
        /^articles\/a\.md:8:1 error: unknown front matter key "reviewby"; expected one of /
      );
      expect(line).to.contain('"review_by"');
    });
  });

  describe('articles', () => {
    it('should report duplicate ids', () => {
      expect(check([article('articles/a.md'), article('articles/b.md', {id: 'a'})])).to.deep.equal([
        'articles/b.md:1:1 error: duplicate article id "a" (also articles/a.md)',
      ]);
    });
    it('should report links to missing articles in both styles, at the link', () => {
      const body = 'See [x](article:nope) and\n[y](../billing/missing.md) and [z](refunds.md).';
      expect(
        check([article('articles/billing/refunds.md'), article('articles/billing/a.md', {}, body)])
      ).to.deep.equal([
        'articles/billing/a.md:9:9 error: link to missing article "nope"',
        'articles/billing/a.md:10:5 error: link to missing article file "../billing/missing.md" (articles/billing/missing.md)',
      ]);
    });
    it('should refuse unsafe link schemes and warn about http', () => {
      const body = '[a](javascript:alert(1)) [b](http://example.com) [c](https://ok.example) [d](tel:+1555)';
      expect(check([article('articles/a.md', {}, body)])).to.deep.equal([
        'articles/a.md:9:5 error: link "javascript:alert(1" uses javascript:, which the widget will not open; use https:, mailto: or tel:',
        'articles/a.md:9:30 warning: link "http://example.com" is not https; use https:// so it opens safely',
      ]);
    });
    it('should warn about articles past review_by, oversized or empty', () => {
      expect(
        check([
          article('articles/old.md', {review_by: '2026-01-31'}),
          article('articles/big.md', {}, 'x'.repeat(20_001)),
          article('articles/empty.md', {}, ''),
        ])
      ).to.deep.equal([
        'articles/big.md:9:1 warning: article is 20002 characters, over the limit of 20000; split it',
        'articles/empty.md:9:1 warning: article body is empty',
        'articles/old.md:7:12 warning: overdue for review since 2026-01-31 (owner: billing-team)',
      ]);
    });
  });

  describe('call scripts', () => {
    it('should report a branch that leads to a missing step', () => {
      const body = LINEAR.replace(
        '> How can I help?',
        '> How can I help?\n\n- Bill too high → explain\n- Other → bye'
      );
      expect(check([...base().slice(0, 1), script('scripts/billing.md', body), base()[2]!])).to.deep.equal([
        'scripts/billing.md:18:19 error: branch "Bill too high" leads to step "explain", which does not exist',
      ]);
    });
    it('should report Next: to a missing step', () => {
      const body = LINEAR.replace('> How can I help?', '> How can I help?\n\nNext: nowhere');
      expect(check([...base().slice(0, 1), script('scripts/billing.md', body), base()[2]!])).to.deep.equal([
        'scripts/billing.md:18:7 error: Next: leads to step "nowhere", which does not exist',
      ]);
    });
    it('should report steps that cannot be reached', () => {
      const body = LINEAR.replace('> Hello {{customer.name|there}}.', '> Hello.\n\nNext: bye');
      expect(check([...base().slice(0, 1), script('scripts/billing.md', body), base()[2]!])).to.deep.equal([
        'scripts/billing.md:16:10 error: step "help" cannot be reached: no branch or Next: leads to it, and the step before it jumps elsewhere',
      ]);
    });
    it('should report a loop with no way out, and accept one with an exit', () => {
      const stuck = LINEAR.replace(
        '> How can I help?',
        '> How can I help?\n\n- Again → help\n- Back → greet'
      );
      expect(check([...base().slice(0, 1), script('scripts/billing.md', stuck), base()[2]!])).to.deep.equal([
        'scripts/billing.md:8:11 error: step "greet" is in a loop with no way out: add a branch or Next: that leads towards the end',
        'scripts/billing.md:14:10 error: step "help" is in a loop with no way out: add a branch or Next: that leads towards the end',
        'scripts/billing.md:23:9 error: step "bye" cannot be reached: no branch or Next: leads to it, and the step before it jumps elsewhere',
      ]);
      const exit = LINEAR.replace('> How can I help?', '> How can I help?\n\n- Again → help\n- Done → bye');
      expect(check([...base().slice(0, 1), script('scripts/billing.md', exit), base()[2]!])).to.deep.equal(
        []
      );
    });
    it('should report unknown variables and accept declared ones', () => {
      const body = LINEAR.replace('> Goodbye.', '> Goodbye {{customer.nmae}}, order {{order.id}}.');
      expect(check([...base().slice(0, 1), script('scripts/billing.md', body), base()[2]!])).to.have.length(
        2
      );
      const [first] = check([...base().slice(0, 1), script('scripts/billing.md', body), base()[2]!]);
      expect(first).to.match(
        /^scripts\/billing\.md:22:11 error: unknown variable "customer\.nmae"; known: customer\.name, /
      );
      const declared = script(
        'scripts/billing.md',
        body.replace('customer.nmae', 'customer.name'),
        'title: S\nlang: en\nchecklists: [closing]\nvariables: [order.id]'
      );
      expect(check([...base().slice(0, 1), declared, base()[2]!])).to.deep.equal([]);
    });
    it('should report links to missing articles and checklist items', () => {
      const body = LINEAR.replace(
        '> How can I help?',
        '> How can I help?\n\nArticles: billing/refunds, billing/nope\nChecklist: say-bye, ghost'
      );
      expect(check([...base().slice(0, 1), script('scripts/billing.md', body), base()[2]!])).to.deep.equal([
        'scripts/billing.md:18:28 error: article "billing/nope" does not exist',
        'scripts/billing.md:19:21 error: checklist item "ghost" does not exist',
      ]);
    });
    it('should report unknown sections, steps outside sections and duplicate step ids', () => {
      const body = '### Early {#early}\n\n## Middle\n\n## Body\n\n### A {#a}\n\n### B {#a}\n';
      expect(check([script('scripts/s.md', body, 'title: S\nlang: en')])).to.deep.equal([
        'scripts/s.md:5:1 error: step "Early" is outside a section; put it under ## Opening, ## Body or ## Closing',
        'scripts/s.md:7:4 error: unknown section "Middle"; expected Opening, Body or Closing (开场, 正文, 结束)',
        'scripts/s.md:13:7 error: duplicate step id "a" (also line 11)',
      ]);
    });
    it('should read Chinese sections and keywords', () => {
      const body =
        '## 开场\n\n### 问候 {#greet}\n\n> 您好，{{customer.name|先生/女士}}。\n\n可选。\n文章：billing/refunds\n下一步：end\n';
      const content = parseContent(
        [article('articles/billing/refunds.md'), script('scripts/zh.md', body, 'title: 中文\nlang: zh-CN')],
        {today: TODAY}
      );
      expect(content.diagnostics).to.deep.equal([]);
      const step = content.scripts[0]!.steps[0]!;
      expect([step.phase, step.required, step.next, step.articles[0]!.id]).to.deep.equal([
        'opening',
        false,
        'end',
        'billing/refunds',
      ]);
    });
  });

  describe('checklists', () => {
    it('should report items bound to steps that no script using the checklist has', () => {
      const list = checklist(
        'checklists/closing.md',
        '- [ ] Say goodbye {#say-bye}\n  Applies to: bye, farewell\n  Deadline: before ghost\n'
      );
      expect(check([...base().slice(0, 2), list])).to.deep.equal([
        'checklists/closing.md:6:20 error: item "say-bye" applies to step "farewell", which is not in the scripts that use checklist "closing"',
        'checklists/closing.md:7:13 error: item "say-bye" is due before step "ghost", which is not in the scripts that use checklist "closing"',
      ]);
    });
    it('should report bad settings with what was expected', () => {
      const list = checklist(
        'checklists/closing.md',
        '- [ ] Bye {#say-bye}\n  Weight: heavy\n  Critical: maybe\n  Deadline: soon\n  Colour: red\n'
      );
      expect(check([...base().slice(0, 2), list])).to.deep.equal([
        'checklists/closing.md:6:11 error: Weight: is "heavy"; expected a number above 0',
        'checklists/closing.md:7:13 error: Critical: is "maybe"; expected yes or no',
        'checklists/closing.md:8:13 error: Deadline: is "soon"; expected seconds ("30s"), minutes ("2 min") or "before step-id"',
        'checklists/closing.md:9:3 error: unknown setting "Colour"; expected Weight, Category, Critical, Deadline or Applies to',
      ]);
    });
    it('should report duplicate item ids across checklists', () => {
      const other = checklist(
        'checklists/other.md',
        '- [ ] Bye again {#say-bye}\n',
        'title: Other\nlang: en'
      );
      expect(check([...base(), other])).to.deep.equal([
        'checklists/other.md:5:17 error: duplicate checklist item id "say-bye" (also in checklists/closing.md)',
      ]);
    });
    it('should parse weights, categories, critical flags and deadlines', () => {
      const list = checklist(
        'checklists/closing.md',
        '- [ ] Bye {#say-bye}\n  Weight: 2\n  Category: etiquette\n  Critical: yes\n  Deadline: 2 min\n'
      );
      const item = parseContent([...base().slice(0, 2), list], {today: TODAY}).checklists[0]!.items[0]!;
      expect([item.weight, item.category, item.critical, item.deadline]).to.deep.equal([
        2,
        'etiquette',
        true,
        {seconds: 120},
      ]);
    });
    it('should read skip rules: skippable items and their reasons, critical ones only with listed reasons', () => {
      const body =
        '- [ ] Bye {#say-bye}\n  Critical: yes\n\n- [ ] Survey {#survey}\n\n- [ ] Notes {#notes}\n  Critical: yes\n';
      const parse = (fm: string) =>
        parseContent(
          [
            ...base().slice(0, 2),
            checklist('checklists/closing.md', body, `title: Closing\nlang: en\n${fm}`),
          ],
          {
            today: TODAY,
          }
        );
      // Without skippable: every non-critical item, with any reason.
      const plain = parse('').checklists[0]!.items;
      expect(plain.map((i) => [i.id, i.skippable, i.skipReasons])).to.deep.equal([
        ['say-bye', false, []],
        ['survey', true, []],
        ['notes', false, []],
      ]);
      // Listed: only those, and with skip_reasons only those reasons (a critical item needs them).
      const listed = parse('skippable: [say-bye, survey]\nskip_reasons: [Customer declined, 客户拒绝]');
      expect(listed.diagnostics).to.deep.equal([]);
      expect(listed.checklists[0]!.items.map((i) => [i.id, i.skippable, i.skipReasons])).to.deep.equal([
        ['say-bye', true, ['Customer declined', '客户拒绝']],
        ['survey', true, ['Customer declined', '客户拒绝']],
        ['notes', false, ['Customer declined', '客户拒绝']],
      ]);
      expect(parse('skippable: []').checklists[0]!.items.map((i) => i.skippable)).to.deep.equal([
        false,
        false,
        false,
      ]);
      expect(parse('skippable: [notes, ghost]').diagnostics.map((d) => formatDiagnostic(d))).to.deep.equal([
        'checklists/closing.md:4:13 error: critical item "notes" may be skippable only with skip_reasons listing the reasons allowed',
        'checklists/closing.md:4:20 error: skippable names "ghost", which is not an item of this checklist',
      ]);
    });
  });

  it('should never throw on garbage input', () => {
    const garbage = [
      '',
      '---',
      '---\n---',
      '\u0000\u0001\uFFFF',
      '---\n: : :\n---',
      '---\n- a\n- b\n---',
      '{{{{',
      '---\ntitle: [\n---',
    ];
    for (const text of garbage) {
      for (const dir of ['articles', 'scripts', 'checklists', 'other']) {
        expect(
          () => parseContent([{path: `${dir}/g.md`, text}], {today: TODAY}),
          `${dir}: ${JSON.stringify(text)}`
        ).not.to.throw();
      }
    }
  });
});
