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
 * anything). `src/build/` is Node-only: it may use the pure layers, and nothing may import it.
 */
const LAYERS = [
  ['internal'],
  ['content'],
  ['model', 'config'],
  ['scripting', 'search', 'qa', 'events', 'i18n', 'styles'],
  ['calls'],
  ['storage'],
  ['sync'],
  ['session'],
  ['controllers'],
  ['components'],
];
const BUILD_MAY_USE = ['internal', 'content', 'model', 'config', 'scripting', 'search', 'qa', 'calls'];

/** A relative import that reaches `folder` of src/ from inside another folder of src/. */
const reaches = (folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;

function layerRules() {
  const all = LAYERS.flat();
  const configs = LAYERS.flatMap((layer, rank) =>
    layer.map((folder) => {
      const above = [...LAYERS.slice(rank + 1).flat(), ...layer.filter((f) => f !== folder), 'build'];
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
  configs.push({
    files: ['src/build/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: reaches(all.filter((f) => !BUILD_MAY_USE.includes(f))),
              message: `src/build/ (Node-only) may import only ${BUILD_MAY_USE.join(', ')}.`,
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
    files: ['**/*.mjs', 'src/build/**', 'vite.config.ts', 'eslint.config.js'],
    languageOptions: {globals: {...globals.node}},
  },
  {
    files: ['tests/**'],
    languageOptions: {globals: {...globals.node, ...globals.mocha, ...globals.browser}},
    rules: {'@typescript-eslint/no-non-null-assertion': 'off'},
  }
);
