/**
 * Two layers (Jest projects), both in one run by default (`npm test`, `npm run test:cov`):
 * - unit: pure specs, no servers, no child processes, no build needed (npm run test:unit);
 * - e2e: everything else, named *.e2e.spec.ts or *.browser.spec.ts (apps on real ports, Chromium,
 *   redis-server, nginx, child processes), and the docs spec, which type-checks the docs against the
 *   built dist/ (npm run test:e2e builds first).
 * TEST_LAYER=unit or TEST_LAYER=e2e keeps one layer. The scripts use it rather than --selectProjects,
 * which would take a spec path given after it (npm run test:unit -- test/unit/x.spec.ts) for a project name.
 * Both layers share the transform and module mapping below.
 */

/** @type {import('jest').Config} */
const shared = {
  testEnvironment: 'node',
  // lib/ too, so that coverage lists the library's files that no spec loads (lib/ holds no specs).
  roots: ['<rootDir>/lib', '<rootDir>/test'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^nestjs-weerpc$': '<rootDir>/lib/index.ts',
    '^nestjs-weerpc/client$': '<rootDir>/lib/client/index.ts',
    '^nestjs-weerpc/microservices$': '<rootDir>/lib/microservice/index.ts',
    '^nestjs-weerpc/terminus$': '<rootDir>/lib/health/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // Jest on Node 20 cannot require() an ES module: @fastify/static (the sample on Fastify) requires
    // content-disposition 3, ESM only; version 2, Express's, is the same API as CommonJS.
    '^content-disposition$': '<rootDir>/node_modules/content-disposition/dist/index.js',
    // @open-rpc/schema-utils-js (CommonJS) requires @open-rpc/spec-types, ESM only: its JSON schemas instead.
    '^@open-rpc/spec-types$': '<rootDir>/test/jest/open-rpc-spec-types.cjs',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
    // CommonJS packages of the Nest ecosystem that require() NestJS 12's ES modules.
    '/node_modules/@nestjs/throttler/.+\\.js$': '<rootDir>/test/jest/cjs-requires-esm.transform.cjs',
  },
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/throttler/)'],
  setupFilesAfterEnv: ['<rootDir>/test/jest/esm-for-cjs.setup.ts'],
  testTimeout: 20000,
};

/** Specs that need servers, a browser, child processes or the build. */
const E2E = ['\\.e2e\\.spec\\.ts$', '\\.browser\\.spec\\.ts$', '/test/docs/.+\\.spec\\.ts$'];

const LAYER = process.env.TEST_LAYER;
if (LAYER && LAYER !== 'unit' && LAYER !== 'e2e') {
  throw new Error(`TEST_LAYER must be unit or e2e, not '${LAYER}'`);
}

/** @type {import('jest').Config} */
export default {
  testTimeout: shared.testTimeout,
  // Most e2e specs wait on sockets, child processes and a browser rather than compute: on a 2-core
  // machine Jest's default (cores - 1 workers) would run them one at a time.
  maxWorkers: 2,
  // npm run test:cov: the library's own code only, every file (one that no spec loads shows as 0%).
  collectCoverageFrom: ['lib/**/*.ts'],
  coverageDirectory: '<rootDir>/coverage',
  coverageReporters: ['text-summary', 'lcov'],
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['**/*.spec.ts'], testPathIgnorePatterns: ['/node_modules/', ...E2E] },
    { ...shared, displayName: 'e2e', testRegex: E2E },
  ].filter(project => !LAYER || project.displayName === LAYER),
};
