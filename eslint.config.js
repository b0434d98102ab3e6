// ESLint: typescript-eslint's recommended rules plus Lit, web-component and lit-a11y rules.
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layers of `src/`, lowest first: a folder may import its own layer's folders only where listed in
 * `alsoFrom`, and any folder of a lower layer, never a higher one (widget/ sits on top and may import
 * anything). `src/build/` and `src/collector/` are Node-only: each may use the pure layers, and nothing
 * may import them (so the widget bundle never reaches them).
 */
const LAYERS = [
  ['internal'],
  ['content'],
  ['model', 'config'],
  ['scripting', 'search', 'qa', 'events', 'i18n', 'styles'],
  ['calls', 'health'],
  ['storage'],
  ['sync'],
  ['session'],
  ['controllers', 'bridge'],
  ['components'],
];
const BUILD_MAY_USE = [
  'internal',
  'content',
  'model',
  'config',
  'scripting',
  'search',
  'qa',
  'calls',
  'health',
];
const COLLECTOR_MAY_USE = BUILD_MAY_USE;
/** Node-only folders of src/, each with the layers it may import. */
const NODE_ONLY = {build: BUILD_MAY_USE, collector: COLLECTOR_MAY_USE};

/** A relative import that reaches `folder` of src/ from inside another folder of src/. */
const reaches = (folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;

function layerRules() {
  const all = LAYERS.flat();
  const configs = LAYERS.flatMap((layer, rank) =>
    layer.map((folder) => {
      const above = [
        ...LAYERS.slice(rank + 1).flat(),
        ...layer.filter((f) => f !== folder),
        ...Object.keys(NODE_ONLY),
      ];
      return {
        files: [`src/${folder}/**/*.ts`],
        rules: {
          'no-restricted-imports': [
            'error',
            {
              patterns: [
                {
                  regex: reaches(above),
                  message: `src/${folder}/ may import only lower layers (${LAYERS.slice(0, rank).flat().join(', ') || 'none'}); see LAYERS in eslint.config.js.`,
                },
              ],
            },
          ],
        },
      };
    })
  );
  for (const [folder, mayUse] of Object.entries(NODE_ONLY)) {
    const others = Object.keys(NODE_ONLY).filter((f) => f !== folder);
    configs.push({
      files: [`src/${folder}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: reaches([...all.filter((f) => !mayUse.includes(f)), ...others]),
                message: `src/${folder}/ (Node-only) may import only ${mayUse.join(', ')}.`,
              },
            ],
          },
        ],
      },
    });
  }
  // widget/ sits on top of the layers but ships to browsers: it may not reach the Node-only folders.
  configs.push({
    files: ['widget/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+src/(${Object.keys(NODE_ONLY).join('|')})(/|$)`,
              message:
                'widget/ ships to browsers: it may not import the Node-only src/build/ or src/collector/.',
            },
          ],
        },
      ],
    },
  });
  return configs;
}

export default tseslint.config(
  {ignores: ['dist/', 'node_modules/', 'bench-results/', '.tmp/']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  wc.configs['flat/recommended'],
  litA11y.configs.recommended,
  {
    languageOptions: {globals: {...globals.browser}},
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='eval']",
          message: 'No eval: the widget runs under strict CSP.',
        },
        {
          selector: "NewExpression[callee.name='Function']",
          message: 'No new Function: the widget runs under strict CSP.',
        },
        {
          // Lit passes these through its Trusted Types policy unchecked (known failure 21, lit#5320).
          selector: 'ImportDeclaration[source.value=/directives\\/unsafe-(html|svg|mathml)/]',
          message:
            'No unsafeHTML/unsafeSVG: HTML strings would pass through the agent-assist-lit policy unsanitized; build DOM or sanitize into a fragment (src/content/sanitize-article.ts).',
        },
        {
          // Lit's styleMap writes a style attribute on first render, which a strict style-src refuses.
          selector: 'ImportDeclaration[source.value=/directives\\/style-map/]',
          message:
            "No styleMap: its first render writes a style attribute, refused by a host's strict style-src; bind .style or set el.style (CSSOM).",
        },
      ],
    },
  },
  {
    // Pure library code: no side effects on import, so no defining elements here.
    files: ['src/**/*.ts'],
    ignores: ['src/build/**'],
    rules: {
      'wc/define-tag-after-class-definition': 'off',
      'no-restricted-properties': [
        'error',
        {object: 'customElements', property: 'define', message: 'Define elements in widget/ only.'},
      ],
    },
  },
  ...layerRules(),
  {
    files: ['**/*.mjs', 'src/build/**', 'src/collector/**', 'vite.config.ts', 'eslint.config.js'],
    languageOptions: {globals: {...globals.node}},
  },
  {
    files: ['tests/**'],
    languageOptions: {globals: {...globals.node, ...globals.mocha, ...globals.browser}},
    rules: {'@typescript-eslint/no-non-null-assertion': 'off'},
  }
);
