import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'fetch', 'setTimeout', 'clearTimeout'].map((name) => [
    name,
    'readonly',
  ]),
);

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', '.test-tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: nodeGlobals },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'meilisearch', message: 'Only src/search/meilisearch imports meilisearch.' },
          ],
        },
      ],
    },
  },
  {
    // The one place that talks to Meilisearch.
    files: ['src/search/meilisearch/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Tests and the desk read GraphQL responses as loosely typed JSON.
    files: ['test/**/*.ts', 'src/**/*.spec.ts', 'src/desk/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
