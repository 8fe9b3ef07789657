import { join } from 'node:path';
import { redisOptionsFromUrl } from '../../sample/microservice/redis-url.js';
import { DEV_SESSION_SECRET, readSampleConfig, sampleHosts } from '../../sample/sample.config.js';

describe('sample config', () => {
  it('has embedded defaults for everything', () => {
    expect(readSampleConfig({})).toEqual({
      adapter: 'express',
      port: 3000,
      dataDir: join(process.cwd(), 'sample', 'data'),
      sessionSecret: DEV_SESSION_SECRET,
      sessionSecretIsDefault: true,
      sessionStore: 'memory',
      microservice: 'none',
      redisUrl: 'redis://127.0.0.1:6379',
    });
    expect(sampleHosts({})).toEqual(['localhost:3000', '127.0.0.1:3000']);
  });

  it('takes ADAPTER, PORT, DATA_DIR, SESSION_SECRET, SESSION_STORE, MICROSERVICE and REDIS_URL from the environment', () => {
    const env = {
      ADAPTER: 'fastify',
      PORT: '8080',
      DATA_DIR: '/srv/sample',
      SESSION_SECRET: 'a-production-secret-of-32-characters-or-more',
      SESSION_STORE: 'redis',
      MICROSERVICE: 'redis',
      REDIS_URL: 'redis://cache:6380',
    };
    expect(readSampleConfig(env)).toEqual({
      adapter: 'fastify',
      port: 8080,
      dataDir: '/srv/sample',
      sessionSecret: 'a-production-secret-of-32-characters-or-more',
      sessionSecretIsDefault: false,
      sessionStore: 'redis',
      microservice: 'redis',
      redisUrl: 'redis://cache:6380',
    });
    expect(sampleHosts({ PORT: '8080' })).toEqual(['localhost:8080', '127.0.0.1:8080']);
  });

  it('refuses an unknown ADAPTER', () => {
    expect(() => readSampleConfig({ ADAPTER: 'koa' })).toThrow("ADAPTER must be 'express' or 'fastify', not 'koa'.");
  });

  it('refuses a SESSION_SECRET shorter than 32 characters on Fastify, as @fastify/session does', () => {
    expect(() => readSampleConfig({ ADAPTER: 'fastify', SESSION_SECRET: 'short' })).toThrow(
      'SESSION_SECRET must be at least 32 characters long with ADAPTER=fastify.',
    );
    expect(readSampleConfig({ ADAPTER: 'fastify' }).sessionSecret).toBe(DEV_SESSION_SECRET);
    expect(readSampleConfig({ SESSION_SECRET: 'short' }).sessionSecret).toBe('short');
  });

  it('refuses an unknown SESSION_STORE', () => {
    expect(() => readSampleConfig({ SESSION_STORE: 'memcached' })).toThrow("SESSION_STORE must be 'memory' or 'redis', not 'memcached'.");
  });

  it('refuses an unknown MICROSERVICE', () => {
    expect(() => readSampleConfig({ MICROSERVICE: 'kafka' })).toThrow("MICROSERVICE must be 'none' or 'redis', not 'kafka'.");
    expect(readSampleConfig({ MICROSERVICE: 'none' }).microservice).toBe('none');
  });

  it('refuses a REDIS_URL the Redis transport cannot use, with MICROSERVICE=redis', () => {
    const message = (url: string) => `REDIS_URL must be a URL like redis://host:6379 (or redis://user:password@host:6379/0), not '${url}'.`;
    expect(() => readSampleConfig({ MICROSERVICE: 'redis', REDIS_URL: 'cache:6379' })).toThrow(message('cache:6379'));
    expect(() => readSampleConfig({ MICROSERVICE: 'redis', REDIS_URL: 'http://cache:6379' })).toThrow(message('http://cache:6379'));
    expect(() => readSampleConfig({ MICROSERVICE: 'redis', REDIS_URL: 'redis://cache:6379/zero' })).toThrow(message('redis://cache:6379/zero'));
    expect(readSampleConfig({ MICROSERVICE: 'redis', REDIS_URL: 'redis://user:p%40ss@cache:6380/2' }).redisUrl).toBe(
      'redis://user:p%40ss@cache:6380/2',
    );
  });

  it('reads host, port, database and credentials out of REDIS_URL for the Redis transport', () => {
    expect(redisOptionsFromUrl('redis://127.0.0.1:6379')).toEqual({ host: '127.0.0.1', port: 6379, db: 0 });
    expect(redisOptionsFromUrl('redis://cache')).toEqual({ host: 'cache', port: 6379, db: 0 });
    expect(redisOptionsFromUrl('redis://user:p%40ss@cache:6380/2')).toEqual({ host: 'cache', port: 6380, db: 2, username: 'user', password: 'p@ss' });
  });

  it('refuses a PORT that is not a port number', () => {
    expect(() => readSampleConfig({ PORT: 'abc' })).toThrow("PORT must be a port number (0-65535), not 'abc'.");
    expect(() => readSampleConfig({ PORT: '70000' })).toThrow("PORT must be a port number (0-65535), not '70000'.");
  });
});
