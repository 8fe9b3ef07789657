import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';

/** The HTTP adapters a Nest bench server can run on. */
export type BenchAdapter = 'express' | 'fastify';

/** A Nest app for `module` on `adapter`, quiet (no request logging), not yet listening. */
export function createNestApp(module: Type, adapter: BenchAdapter): Promise<INestApplication> {
  return adapter === 'fastify' ? NestFactory.create(module, new FastifyAdapter(), { logger: false }) : NestFactory.create(module, { logger: false });
}
