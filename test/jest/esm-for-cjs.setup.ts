/**
 * Jest on Node 20 cannot require() an ES module, and NestJS 12 ships only ES modules: a CommonJS
 * package of the ecosystem (@nestjs/throttler) that requires @nestjs/common fails to load. This
 * hands such packages the very module instances the ESM tests use (see cjs-requires-esm.transform.cjs).
 */
import * as common from '@nestjs/common';
import * as core from '@nestjs/core';

(globalThis as Record<symbol, unknown>)[Symbol.for('weerpc:test:esm-modules')] = {
  '@nestjs/common': common,
  '@nestjs/core': core,
};
