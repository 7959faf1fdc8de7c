// `npm run lint` (and the first step of `npm test`). Rules are chosen to catch bugs, not to restyle code: layout is
// Prettier's job (`npm run format`), and eslint-config-prettier switches off every rule that would fight it.
import js from '@eslint/js';
import prettierConfig from 'eslint-config-prettier';
import officeAddins from 'eslint-plugin-office-addins';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The floors (README "What is where"): domain ← sheet ← excel / xlsx ← cli / taskpane ← preview. A folder may import
 * only the floors below it, and nothing under src/ imports the tests, benchmarks or scripts. One block per folder, each
 * carrying the src-wide rule too (a later no-restricted-imports replaces an earlier one for the same files).
 */
const FOLDERS = ['domain', 'sheet', 'excel', 'xlsx', 'cli', 'taskpane', 'preview', 'fake-excel-host'];
const notAbove = (folder, allowed) => ({
  regex: `^(\\.\\./)+(${FOLDERS.filter((f) => f !== folder && !allowed.includes(f)).join('|')})(/|$)`,
  message: `src/${folder}/ may import only ${allowed.length ? allowed.map((f) => `src/${f}/`).join(', ') : 'its own folder'} (the floors in README "What is where").`,
});
const NO_TEST = { regex: '^(\\.\\./)+(test|bench|scripts)(/|$)', message: 'Product code never imports tests, benchmarks or scripts.' };
/** The pure floors (domain, sheet): no host, file system, DOM framework or file library. */
const PURE = { regex: '^(node:|exceljs$|jszip$|react|@fluentui/|hyperformula$|playwright)', message: 'domain and sheet are pure TypeScript: no Node, ExcelJS, React or host imports.' };
const floor = (folder, allowed, extra = []) => ({
  files: [`src/${folder}/**`],
  rules: { 'no-restricted-imports': ['error', { patterns: [NO_TEST, notAbove(folder, allowed), ...extra] }] },
});
const FLOORS = [
  floor('domain', [], [PURE]),
  floor('sheet', ['domain'], [PURE]),
  floor('excel', ['domain', 'sheet']),
  floor('xlsx', ['domain', 'sheet']),
  floor('fake-excel-host', ['domain', 'sheet']),
  floor('cli', ['domain', 'sheet', 'xlsx']),
  floor('taskpane', ['domain', 'sheet', 'excel']),
  // The preview's Node server reads a file the person opens with the CLI's bounded reader (src/preview/open-file.ts).
  floor('preview', ['domain', 'sheet', 'excel', 'xlsx', 'taskpane', 'fake-excel-host']),
];

export default tseslint.config(
  // Build output and test artefacts (as in .gitignore).
  { ignores: ['dist/', 'dist-*/', 'node_modules/', 'test-artifacts/', 'coverage/', '.browser-build.lock/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'bin/*.js', 'scripts/*.js'] } },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Bugs worth failing the build for.
      '@typescript-eslint/no-floating-promises': 'error',
      // An async callback where a void one is expected is fine when it handles its own errors (event handlers).
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, allowDefaultCaseForExhaustiveSwitch: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
      // ExcelJS, JSZip, xmldom and JSON.parse hand back `any`; the code narrows those values at its boundaries
      // (zod, typeof checks). Flagging every use of them would be noise, not bug-finding.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // Numbers, booleans and nullish values (cell keys such as `${sheet}!${cell}`) are fine in templates; an object
      // printing as "[object Object]" is a bug.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNullish: true },
      ],
      // Style, not bugs: an assertion TypeScript already agrees with, an async function implementing an async
      // interface without awaiting, an escaped bracket inside a character class.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
      'no-useless-escape': 'off',
      // `if (c) (a = 1), (b = 2);` is a deliberate compact style in the byte-level readers.
      '@typescript-eslint/no-unused-expressions': 'off',
      // Safe terminal output matches control characters on purpose.
      'no-control-regex': 'off',
      // The official forms use U+3000 (ideographic space) inside their texts.
      'no-irregular-whitespace': [
        'error',
        { skipStrings: true, skipTemplates: true, skipRegExps: true, skipComments: true },
      ],
    },
  },
  {
    files: ['test/**'],
    rules: {
      // Tests reach into window globals and fakes where `any` is the honest type, and print nulls on purpose.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNullish: true },
      ],
    },
  },
  {
    // The fake Excel host (bundled by the preview, so under src/) models office.js proxies, where `any` is the honest
    // type, and keeps the batch being synced in a module variable, as office.js does.
    files: ['src/fake-excel-host/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-this-alias': 'off' },
  },
  {
    // React code: the hooks rules catch stale closures and hooks called conditionally.
    files: ['src/taskpane/**/*.tsx', 'src/taskpane/**/*.ts', 'src/preview/**/*.tsx', 'src/preview/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Office.js code: Microsoft's rules for its load/sync traps. (Not the fake host's own tests: they break the rules
    // on purpose, to check that the fake host fails the way Excel does.)
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { 'office-addins': officeAddins },
    rules: {
      'office-addins/call-sync-before-read': 'error',
      'office-addins/call-sync-after-load': 'error',
      'office-addins/load-object-before-read': 'error',
      'office-addins/no-context-sync-in-loop': 'error',
      'office-addins/test-for-null-using-isNullObject': 'error',
      // (no-empty-load is off: it flags load(CONSTANT) as if it were load() with no argument.)
      'office-addins/no-navigational-load': 'error',
      'office-addins/no-office-initialize': 'error',
    },
  },
  {
    // Plain JavaScript files are not type-checked by tsc; type-aware rules would only guess there.
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  ...FLOORS,
  prettierConfig,
);
