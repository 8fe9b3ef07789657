// ESLint for lib/, sample/, test/ and bench/ (npm run lint), as the NestJS starter ships it:
// @eslint/js recommended + typescript-eslint recommendedTypeChecked. Type-aware, because the rules
// that need types (no-floating-promises, no-misused-promises, await-thenable, no-base-to-string,
// only-throw-error...) are the ones that catch bugs here. Formatting is Prettier's alone
// (npm run format:check): eslint-config-prettier, last, turns every style rule off.
// Each rule turned off below says why; they are the recommended rules that only flagged deliberate code.
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier/flat';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['node_modules/', 'dist/', 'dist-*/', 'coverage/', 'sample/data/', 'test/output/', 'bench/results/'],
  },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // One program over the root tsconfig.json (it includes lib, sample, test and bench). The project
        // service would take each folder's nearest tsconfig and build lib/ into three programs: ~1.7x slower.
        project: './tsconfig.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: {
      reportUnusedDisableDirectives: 'error',
    },
    rules: {
      // `any` is deliberate at the typing boundaries: the clients' API inference, Nest's Server mixins,
      // handler arguments, and JSON bodies (supertest's res.body, JSON.parse) read freely by the tests.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // `Function` is Nest's own type for classes and handlers (metatypes, ExternalContextCreator).
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // Nest's ParamsFactory hands the RouteParamtypes enum over as a plain number.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // Methods of objects made of closures, or passed with their `this` (instrument.observe(fn, this)): no hit was a bug.
      '@typescript-eslint/unbound-method': 'off',
      // `async` without `await` on purpose: async generators under test, promise-returning factories (forRootAsync).
      '@typescript-eslint/require-await': 'off',
      // Redundant casts are untidy, not wrong; `eslint --fix` can drop them once lib/ settles.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // Every hit passed on an error we did not make (an AbortSignal's reason, a session store's callback error);
      // only-throw-error still forbids throwing a literal.
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      // `ok ? resolve(value) : reject(error)` as a statement.
      '@typescript-eslint/no-unused-expressions': ['error', { allowTernary: true }],
      // A leading underscore marks a parameter kept for its position; `{ dropped: _, ...rest }` omits a key.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The library logs through Nest's Logger (the application's logger), never the console.
    files: ['lib/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // The type tests are @ts-expect-error lines, each checked by test/types/type-errors.spec.ts.
    files: ['test/types/**/*.ts'],
    rules: { '@typescript-eslint/ban-ts-comment': ['error', { 'ts-expect-error': false }] },
  },
  {
    // Plain JavaScript (the sample page's browser script, Jest's CommonJS transform, config files): no types.
    files: ['**/*.{js,cjs,mjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['sample/public/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Node scripts a spec starts as a child process.
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
