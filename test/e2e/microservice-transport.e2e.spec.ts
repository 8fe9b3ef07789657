import { jest } from '@jest/globals';
import { Logger, Module, type INestApplication, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import request from 'supertest';
import { WeeRpcTransport } from 'nestjs-weerpc/microservices';
import { BrokerAppModule, PayloadGuard } from '../fixtures/microservice.fixture.js';
import { createTestApp } from '../support/create-app.js';
import { freePort } from '../support/free-port.js';
import { RedisServer } from '../support/redis-server.js';

type TransportName = 'tcp' | 'redis';

const http = (app: INestApplication, fn: string, data?: unknown) =>
  request(app.getHttpServer()).post('/rpc').send({ weerpc: 1.1, function: fn, data });

/** What a client gets for a call: `{ result }` or `{ error }`. */
async function send(client: ClientProxy, pattern: string, data: unknown): Promise<{ result?: unknown; error?: unknown }> {
  try {
    return { result: await firstValueFrom(client.send(pattern, data)) };
  } catch (error) {
    return { error };
  }
}

/** Every reply to a call, then its error if it failed. */
function replies(client: ClientProxy, pattern: string, data: unknown): Promise<{ items: unknown[]; error?: unknown }> {
  const items: unknown[] = [];
  return new Promise(resolve =>
    client
      .send(pattern, data)
      .subscribe({ next: item => items.push(item), error: error => resolve({ items, error }), complete: () => resolve({ items }) }),
  );
}

describe.each<TransportName>(['tcp', 'redis'])('WeeRpcTransport over %s', transport => {
  let app: INestApplication;
  let client: ClientProxy;
  let redis: RedisServer | undefined;

  beforeAll(async () => {
    // With express-session, as an HTTP app that has session rules would be: its HTTP calls have sessions, its messages none.
    app = await createTestApp(BrokerAppModule);
    let clientOptions;
    if (transport === 'redis') {
      redis = await RedisServer.start();
      const options = { host: '127.0.0.1', port: redis.port };
      app.connectMicroservice({ strategy: WeeRpcTransport.redis(app, options) });
      clientOptions = { transport: Transport.REDIS, options } as const;
    } else {
      const options = { host: '127.0.0.1', port: await freePort() };
      app.connectMicroservice({ strategy: WeeRpcTransport.tcp(app, options) });
      clientOptions = { transport: Transport.TCP, options } as const;
    }
    await app.startAllMicroservices();
    client = ClientProxyFactory.create(clientOptions);
    await client.connect();
  });
  afterAll(async () => {
    await client?.close();
    await app?.close();
    await redis?.stop();
  });

  it('answers a call with the function result, as HTTP does', async () => {
    expect(await send(client, 'add_numbers', [1, 2, 3])).toEqual({ result: 6 });
    expect((await http(app, 'add_numbers', [1, 2, 3])).body.data).toBe(6);
  });

  it("answers a streaming function's items as replies of their own, as a handler returning an Observable does", async () => {
    expect((await http(app, 'count_to', 3)).body.data).toEqual([1, 2, 3]);
    expect(await replies(client, 'count_to', 3)).toEqual({ items: [1, 2, 3] });
    expect(await send(client, 'count_to', 3)).toEqual({ result: 1 });
  });

  it('ends the replies with the weeRPC failure thrown midway, as over HTTP', async () => {
    expect((await http(app, 'fail_midway', {})).body).toMatchObject({ ok: false, message: 'Row 2 is gone' });
    expect(await replies(client, 'fail_midway', {})).toEqual({ items: [1], error: { status: 'error', message: 'Row 2 is gone', data: null } });
  });

  it('fails a validation with the weeRPC message and constraints, as over HTTP', async () => {
    const overHttp = (await http(app, 'pair', { a: -1, b: 2 })).body;
    expect(overHttp).toMatchObject({ ok: false, message: 'Invalid data.' });
    expect(await send(client, 'pair', { a: -1, b: 2 })).toEqual({ error: { status: 'error', message: overHttp.message, data: overHttp.data } });
    expect(await send(client, 'pair', { a: 3, b: 2 })).toEqual({ result: 6 });
  });

  it('runs the function guard: refusal gets the same message as over HTTP', async () => {
    PayloadGuard.seen = [];
    const overHttp = (await http(app, 'guarded', { deny: true })).body;
    expect(overHttp).toMatchObject({ ok: false, message: 'Forbidden resource' });
    expect(await send(client, 'guarded', { deny: true })).toEqual({ error: { status: 'error', message: 'Forbidden resource', data: overHttp.data } });
    expect(await send(client, 'guarded', { deny: false })).toEqual({ result: 'let through' });
    expect(PayloadGuard.seen.slice(1)).toEqual([
      { fn: 'guarded', protocol: `nest/${transport}`, pattern: 'guarded' },
      { fn: 'guarded', protocol: `nest/${transport}`, pattern: 'guarded' },
    ]);
  });

  it('hides a thrown error behind the same message as over HTTP', async () => {
    const overHttp = (await http(app, 'broken')).body;
    expect(overHttp).toMatchObject({ ok: false, message: 'Internal server error.' });
    const answer = await send(client, 'broken', {});
    expect(answer).toEqual({ error: { status: 'error', message: 'Internal server error.', data: null } });
    expect(JSON.stringify(answer)).not.toContain('secret stack trace');
    expect(await send(client, 'nothing', {})).toEqual({ error: { status: 'error', message: 'Unsuccessful command execution.', data: null } });
  });

  it('refuses data nested deeper than maxDepth with Invalid request., as over HTTP, before any function runs', async () => {
    // maxDepth 512: a body's data may nest 511 levels (the envelope is level 1); a message's data as much.
    const nested = (levels: number): unknown => (levels === 0 ? 1 : [nested(levels - 1)]);
    const overHttp = (await http(app, 'add_numbers', nested(512))).body;
    expect(overHttp).toEqual({ weerpc: 1.1, ok: false, message: 'Invalid request.', data: null });
    expect(await send(client, 'add_numbers', nested(512))).toEqual({ error: { status: 'error', message: 'Invalid request.', data: null } });
    // One level less passes the check and reaches the function ([[...[1]]] added to 0 is '01').
    expect(await send(client, 'add_numbers', nested(511))).toEqual({ result: '01' });
    expect((await http(app, 'add_numbers', nested(511))).body.data).toBe('01');
  });

  it('refuses data larger than bodyLimit with Request too large., as over HTTP', async () => {
    const big = 'x'.repeat(1024 * 1024);
    const overHttp = await http(app, 'add_numbers', big);
    expect([overHttp.status, overHttp.body.message]).toEqual([413, 'Request too large.']);
    expect(await send(client, 'add_numbers', big)).toEqual({ error: { status: 'error', message: 'Request too large.', data: null } });
  });

  it('fails session rules closed without a session hook, and host rules closed off HTTP', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      expect(await send(client, 'secret', {})).toEqual({ error: { status: 'error', message: 'Unauthorized.', data: null } });
      expect(await send(client, 'host_only', {})).toEqual({ error: { status: 'error', message: 'Unauthorized ()', data: null } });
      // A broker has no session middleware to install: no warning that one is missing.
      expect(warn.mock.calls.filter(([message]) => String(message).includes('no session middleware'))).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('WeeRpcTransport in a microservice of its own (NestFactory.createMicroservice)', () => {
  let microservice: INestMicroservice;
  let client: ClientProxy;

  beforeAll(async () => {
    const port = await freePort();
    // The session comes from the message, through the hook: here a token checked by the server.
    const strategy = WeeRpcTransport.tcp(
      null,
      { host: '127.0.0.1', port },
      {
        session: data => ((data as { token?: string } | null)?.token === 'valid' ? { logged_in: true, user: 'ada' } : undefined),
      },
    );
    @Module({ imports: [BrokerAppModule] })
    class MicroserviceModule {}
    microservice = await NestFactory.createMicroservice(MicroserviceModule, { strategy, logger: false });
    strategy.useApplication(microservice);
    await microservice.listen();
    client = ClientProxyFactory.create({ transport: Transport.TCP, options: { host: '127.0.0.1', port } });
  });
  afterAll(async () => {
    await client?.close();
    await microservice?.close();
  });

  it('serves calls and takes the session from the hook', async () => {
    expect(await send(client, 'add_numbers', [4, 5])).toEqual({ result: 9 });
    expect(await send(client, 'secret', { token: 'valid' })).toEqual({ result: 'secret for ada' });
    expect(await send(client, 'secret', { token: 'forged' })).toEqual({ error: { status: 'error', message: 'Unauthorized.', data: null } });
  });

  it('refuses to listen without its application', async () => {
    const lonely = WeeRpcTransport.tcp(null, { host: '127.0.0.1', port: await freePort() });
    expect(() => lonely.listen(() => undefined)).toThrow('WeeRpcTransport needs the application before it listens');
  });
});
