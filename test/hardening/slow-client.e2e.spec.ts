import { Module, type INestApplication } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { WeeRpcModule } from 'nestjs-weerpc';
import { HASTY_TIMEOUT, SlowClientAppModule } from '../fixtures/slow.fixture.js';
import { createAdapterApp, HTTP_ADAPTERS, portOf } from '../support/adapters.js';
import { survivorsAfterGc } from '../support/gc.js';
import { callText, post } from '../support/post.js';
import { postHead, socketExchange } from '../support/raw-socket.js';
import { expectWeeRpcAnswer } from '../support/weerpc-answer.js';

const BODY = Buffer.from(callText('echo', JSON.stringify('x'.repeat(60_000))));
const HEAD = (port: number, path: string) => postHead(path, [`Host: 127.0.0.1:${port}`, 'Content-Type: application/json'], BODY.length);

/** Opens a connection, sends the head and half the body, and leaves it there. */
function halfSent(port: number, path: string): Promise<Socket> {
  return new Promise(resolve => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.write(HEAD(port, path));
      socket.write(BODY.subarray(0, BODY.length / 2), () => resolve(socket));
    });
    socket.on('error', () => undefined);
  });
}

const closed = (socket: Socket) => new Promise(resolve => (socket.destroyed ? resolve(null) : socket.once('close', resolve)));
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe.each(HTTP_ADAPTERS)('slow and broken clients (%s)', adapter => {
  let app: INestApplication;
  let port: number;
  let requests: WeakRef<IncomingMessage>[] = [];
  const seen = (request: IncomingMessage) => requests.push(new WeakRef(request));

  beforeAll(async () => {
    app = await createAdapterApp(adapter, SlowClientAppModule);
    port = portOf(app);
    app.getHttpServer().on('request', seen);
  });
  afterAll(() => app.close());
  beforeEach(() => {
    requests = [];
  });

  it('releases 200 requests whose clients hung up halfway through the body', async () => {
    for (let round = 0; round < 200; round += 20) {
      const sockets = await Promise.all(Array.from({ length: 20 }, () => halfSent(port, '/rpc')));
      // Hang up only once the server is reading every one of these bodies.
      for (let waited = 0; requests.length < round + 20 && waited < 2000; waited += 10) {
        await sleep(10);
      }
      await sleep(10);
      sockets.forEach(socket => socket.destroy());
      await Promise.all(sockets.map(closed));
    }
    await sleep(50);
    expect(requests).toHaveLength(200);
    // Nothing (listeners, timers, half bodies) keeps an abandoned request alive.
    expect(await survivorsAfterGc(requests)).toBe(0);
    const after = expectWeeRpcAnswer(await post(port, '/rpc', BODY));
    expect(after).toMatchObject({ ok: true });
  });

  it('lets go of a stalled half body after bodyTimeout: a weeRPC 408, then the connection closes', async () => {
    const socket = await halfSent(port, '/rpc/hasty');
    const started = Date.now();
    const chunks: Buffer[] = [];
    socket.on('data', chunk => chunks.push(chunk));
    await closed(socket);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(HASTY_TIMEOUT - 50);
    expect(elapsed).toBeLessThan(HASTY_TIMEOUT + 2000);
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toEqual({
      weerpc: 1.1,
      ok: false,
      message: 'Request timed out.',
      data: null,
    });
    expect(await survivorsAfterGc(requests)).toBe(0);
  });

  it('answers a stalled body on a JSON-RPC endpoint with HTTP 408 and its own documented code, -32007', async () => {
    const socket = await halfSent(port, '/rpc/hasty-jsonrpc');
    const chunks: Buffer[] = [];
    socket.on('data', chunk => chunks.push(chunk));
    await closed(socket);
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toEqual({
      jsonrpc: '2.0',
      error: { code: -32007, message: 'Request timed out.' },
      id: null,
    });
  });

  it('counts bodyTimeout from the start of the body, so trickling bytes does not keep it open', async () => {
    const started = Date.now();
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('error', () => undefined);
    socket.write(HEAD(port, '/rpc/hasty'));
    let offset = 0;
    const trickle = setInterval(() => socket.write(BODY.subarray(offset, (offset += 10))), 20);
    const chunks: Buffer[] = [];
    socket.on('data', chunk => chunks.push(chunk));
    await closed(socket);
    clearInterval(trickle);
    // Trickling would go on for much longer than this: the deadline, not the client, ended it.
    expect(Date.now() - started).toBeLessThan(HASTY_TIMEOUT + 5000);
    expect(Buffer.concat(chunks).toString('latin1')).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('still serves a whole body that arrives in time', async () => {
    const exchange = await socketExchange(port, HEAD(port, '/rpc/hasty'), BODY);
    expect(expectWeeRpcAnswer(exchange)).toMatchObject({ ok: true });
  });

  it('refuses a bodyTimeout that is not a whole number of milliseconds', async () => {
    for (const bodyTimeout of [-1, 1.5, Number.NaN]) {
      @Module({ imports: [WeeRpcModule.forRoot({ bodyTimeout, functions: { echo: data => data } })] })
      class BadTimeoutModule {}
      await expect(createAdapterApp(adapter, BadTimeoutModule)).rejects.toThrow(
        'WeeRpcModule option "bodyTimeout" must be a whole number of milliseconds, 0 or more.',
      );
    }
  });

  it('keeps waiting, by default, for a body that is merely slow', async () => {
    const socket = await halfSent(port, '/rpc');
    await sleep(HASTY_TIMEOUT + 300);
    expect(socket.destroyed).toBe(false);
    socket.end(BODY.subarray(BODY.length / 2));
    const chunks: Buffer[] = [];
    socket.on('data', chunk => chunks.push(chunk));
    await closed(socket);
    expect(Buffer.concat(chunks).toString('latin1')).toMatch(/^HTTP\/1\.1 200 /);
  });
});
