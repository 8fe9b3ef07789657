import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redisOptionsFromUrl } from './microservice/redis-url.js';
import type { SessionStoreKind } from './session/session-store.provider.js';

/** Where the sample keeps its things. This file sits one folder below the repository root, in `sample/` as source and in `dist-sample/` once built, so `..` is the root in both. */
const REPOSITORY_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The page's static files (HTML, CSS, the page script), served as they are. */
export const PUBLIC_DIR = `${REPOSITORY_ROOT}sample/public`;

/** The SQLite file's name inside the data folder. */
export const DATABASE_FILE = 'weerpc-sample.sqlite';

/** The session cookie's name, so that logout can clear it. */
export const SESSION_COOKIE = 'weerpc.sid';

/**
 * The session cookie's flags, the same on both adapters: out of reach of page scripts, not sent
 * on cross-site subrequests, Secure whenever the request came over HTTPS (`'auto'`), 8 hours.
 */
export const SESSION_COOKIE_FLAGS = { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: 8 * 60 * 60 * 1000 } as const;

/** The development secret used when `SESSION_SECRET` is unset (and warned about). */
export const DEV_SESSION_SECRET = 'weerpc-sample-dev-secret-change-me';

/** The Redis of `SESSION_STORE=redis` and `MICROSERVICE=redis` when `REDIS_URL` is unset. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** The HTTP platform the sample runs on. */
export type SampleAdapter = 'express' | 'fastify';

/** Which Nest microservice transport also serves the root endpoint's functions, beside HTTP. */
export type SampleMicroservice = 'none' | 'redis';

/** What the sample reads from its environment; everything has an embedded default. */
export interface SampleConfig {
  /** `ADAPTER`: `express` (default) or `fastify`. */
  adapter: SampleAdapter;
  /** `PORT`, 3000 by default. */
  port: number;
  /** `DATA_DIR`, `sample/data` by default: the SQLite file is created there on first start. */
  dataDir: string;
  /** `SESSION_SECRET`; the development default when unset. */
  sessionSecret: string;
  /** Whether `SESSION_SECRET` was unset, so that `main` can warn. */
  sessionSecretIsDefault: boolean;
  /** `SESSION_STORE`: `memory` (default, one instance) or `redis` (shared by several instances). */
  sessionStore: SessionStoreKind;
  /** `MICROSERVICE`: `none` (default: nothing connects to Redis for it) or `redis` (the `/rpc` functions also over Redis). */
  microservice: SampleMicroservice;
  /** `REDIS_URL`, `redis://127.0.0.1:6379` by default; used with `SESSION_STORE=redis` and `MICROSERVICE=redis`. */
  redisUrl: string;
}

/** Reads the sample's settings from `env` (the process environment by default). */
export function readSampleConfig(env: NodeJS.ProcessEnv = process.env): SampleConfig {
  const port = Number(env.PORT || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number (0-65535), not '${env.PORT}'.`);
  }
  const adapter = env.ADAPTER || 'express';
  if (adapter !== 'express' && adapter !== 'fastify') {
    throw new Error(`ADAPTER must be 'express' or 'fastify', not '${adapter}'.`);
  }
  const sessionStore = env.SESSION_STORE || 'memory';
  if (sessionStore !== 'memory' && sessionStore !== 'redis') {
    throw new Error(`SESSION_STORE must be 'memory' or 'redis', not '${sessionStore}'.`);
  }
  const microservice = env.MICROSERVICE || 'none';
  if (microservice !== 'none' && microservice !== 'redis') {
    throw new Error(`MICROSERVICE must be 'none' or 'redis', not '${microservice}'.`);
  }
  const redisUrl = env.REDIS_URL || DEFAULT_REDIS_URL;
  if (microservice === 'redis') {
    redisOptionsFromUrl(redisUrl); // a bad URL is refused here, in the sample's words, before anything starts
  }
  const sessionSecret = env.SESSION_SECRET || DEV_SESSION_SECRET;
  if (adapter === 'fastify' && sessionSecret.length < 32) {
    // @fastify/session refuses shorter ones; say so before Nest starts, in the sample's words.
    throw new Error('SESSION_SECRET must be at least 32 characters long with ADAPTER=fastify.');
  }
  return {
    adapter,
    port,
    sessionStore,
    microservice,
    redisUrl,
    dataDir: env.DATA_DIR || `${REPOSITORY_ROOT}sample/data`,
    sessionSecret,
    sessionSecretIsDefault: !env.SESSION_SECRET,
  };
}

/**
 * The `Host` headers the host-scoped tester function accepts: this machine at the sample's port.
 * Read when the tester's decorators run (at import), hence from the environment and not the config.
 */
export function sampleHosts(env: NodeJS.ProcessEnv = process.env): string[] {
  const port = env.PORT || '3000';
  return [`localhost:${port}`, `127.0.0.1:${port}`];
}

/** A folder of browser ES modules and the URL prefix it is served under. */
export interface BrowserModules {
  readonly prefix: string;
  readonly dir: string;
}

/**
 * The browser client's ES modules and the wire names they import (`../wire/`), served side by
 * side under `/client/` and `/wire/`; empty when the package is not built yet.
 */
export function browserModules(): BrowserModules[] {
  const client = browserClientDir();
  return client
    ? [
        { prefix: '/client/', dir: client },
        { prefix: '/wire/', dir: join(client, '..', 'wire') },
      ]
    : [];
}

/**
 * The folder of the browser client's ES modules, found through the package's `exports` map
 * (here the package's own built `dist/client/`; in your app, the installed package's).
 * `null` when it is not built yet.
 */
function browserClientDir(): string | null {
  // Read from package.json rather than resolving 'nestjs-weerpc/client' itself: test runners
  // map that specifier to the TypeScript sources, which a browser cannot load.
  const packageJson = createRequire(import.meta.url).resolve('nestjs-weerpc/package.json');
  const manifest = JSON.parse(readFileSync(packageJson, 'utf8')) as { exports: Record<string, { default: string }> };
  const entry = join(dirname(packageJson), manifest.exports['./client'].default);
  return existsSync(entry) ? dirname(entry) : null;
}
