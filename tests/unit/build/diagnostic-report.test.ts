/** What the editor sees in the terminal and the overlay: errors first by file, one warning line, a code frame. */
import {expect} from '@open-wc/testing';
import {codeFrame} from '../../../src/build/code-frame.js';
import {blockingError, errorReport, warningSummary} from '../../../src/build/diagnostic-report.js';
import type {Diagnostic} from '../../../src/content/types.js';

const d = (file: string, line: number, severity: Diagnostic['severity'], message: string, code?: string) =>
  ({file, line, column: 1, severity, message, ...(code ? {code} : {})}) as Diagnostic;

const DIAGNOSTICS = [
  d('articles/a.md', 3, 'error', 'link to missing article "x"'),
  d('articles/a.md', 9, 'warning', 'overdue for review since 2026-01-01 (owner: x)', 'overdue-review'),
  d('articles/b.md', 2, 'warning', 'overdue for review since 2026-01-01 (owner: x)', 'overdue-review'),
  d('articles/b.md', 7, 'warning', 'article body is empty'),
  d('scripts/s.md', 4, 'error', 'front matter: bad'),
  d('scripts/s.md', 8, 'error', 'unknown variable "x"'),
];

describe('errorReport', () => {
  it('should list the errors only, grouped by file, the saved file first, under a count', () => {
    expect(errorReport(DIAGNOSTICS, 'content/', 'scripts/s.md')).to.deep.equal([
      'content: 3 errors in 2 files; the content pack was not updated:',
      '  content/scripts/s.md:4:1 error: front matter: bad',
      '  content/scripts/s.md:8:1 error: unknown variable "x"',
      '  content/articles/a.md:3:1 error: link to missing article "x"',
    ]);
  });
  it('should be empty when there are no errors', () => {
    expect(
      errorReport(
        DIAGNOSTICS.filter((x) => x.severity === 'warning'),
        'content/'
      )
    ).to.deep.equal([]);
  });
});

describe('warningSummary', () => {
  it('should count the warnings in one line, by kind', () => {
    expect(warningSummary(DIAGNOSTICS)).to.equal(
      'content: 3 warnings (2 overdue for review, 1 other); npm run content:check lists them'
    );
    expect(warningSummary([DIAGNOSTICS[1]!])).to.equal(
      'content: 1 warning (1 overdue for review); npm run content:check lists them'
    );
    expect(warningSummary([DIAGNOSTICS[0]!])).to.equal(null);
  });
});

describe('blockingError', () => {
  it('should pick the first error of the saved file, else the first error', () => {
    expect(blockingError(DIAGNOSTICS, 'scripts/s.md')).to.equal(DIAGNOSTICS[4]);
    expect(blockingError(DIAGNOSTICS, 'articles/b.md')).to.equal(DIAGNOSTICS[0]);
    expect(blockingError(DIAGNOSTICS.filter((x) => x.severity === 'warning'))).to.equal(undefined);
  });
});

describe('codeFrame', () => {
  it('should show the lines around the position, the line marked and a caret under the column', () => {
    const text = 'one\ntwo\nthree: [a, b\nfour\nfive\nsix';
    expect(codeFrame(text, 3, 8)).to.equal(
      ['  1 | one', '  2 | two', '> 3 | three: [a, b', '    |        ^', '  4 | four', '  5 | five'].join(
        '\n'
      )
    );
  });
});
