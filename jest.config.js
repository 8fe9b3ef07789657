/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
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
