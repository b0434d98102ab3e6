// ESLint: typescript-eslint's recommended rules plus Lit, web-component and lit-a11y rules.
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
