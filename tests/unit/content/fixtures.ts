/** Builders for small content fixtures: valid by default, so each test breaks exactly one thing. */
import type {SourceFile} from '../../../src/content/types.js';

export function article(
  path: string,
  overrides: Record<string, string> = {},
  body = 'Some useful text.'
): SourceFile {
  const fields: Record<string, string> = {
    title: 'A title',
    category: 'billing',
    lang: 'en',
    owner: 'billing-team',
    updated: '2026-09-01',
    review_by: '2027-03-01',
    ...overrides,
  };
  const fm = Object.entries(fields)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  return {path, text: `---\n${fm}\n---\n${body}\n`};
}

export function script(
  path: string,
  body: string,
  frontMatter = 'title: A script\nlang: en\nchecklists: [closing]'
): SourceFile {
  return {path, text: `---\n${frontMatter}\n---\n${body}`};
}

export function checklist(path: string, body: string, frontMatter = 'title: Closing\nlang: en'): SourceFile {
  return {path, text: `---\n${frontMatter}\n---\n${body}`};
}

/** A minimal valid three-step script body. */
export const LINEAR = `## Opening

### Greet {#greet}

> Hello {{customer.name|there}}.

## Body

### Help {#help}

> How can I help?

## Closing

### Bye {#bye}

> Goodbye.
`;

export const CLOSING_CHECKLIST = `- [ ] Say goodbye {#say-bye}
  Applies to: bye
`;
