import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import request from 'supertest';
import WebSocket from 'ws';
import { createJsonRpcClient, createWeeRpcClient, JsonRpcError, RpcClientError } from 'nestjs-weerpc/client';
import { WebSocketAppModule } from '../fixtures/websocket.fixture.js';
import { useLiveApp } from '../support/adapters.js';
import { ADAPTERS } from '../support/create-app.js';

type Api = {
  add_numbers: (data: number[]) => number;
  delayed: (data: { id: number; ms: number }) => number;
  secret: () => string;
  vault: () => string;
  echo: (data: unknown) => unknown;
};

describe.each(ADAPTERS)('the clients over WebSocket (%s)', adapter => {
  const live = useLiveApp(adapter, WebSocketAppModule);
  const url = (path = '/rpc') => `ws://127.0.0.1:${live.port}${path}`;
  const loginCookie = async () => {
    const login = await request(live.app.getHttpServer()).post('/rpc').send({ weerpc: 1.1, function: 'login' });
    return String(login.headers['set-cookie']).split(';')[0];
  };

  it('createWeeRpcClient calls over one socket with the same answers as over HTTP', async () => {
    const overWs = createWeeRpcClient<Api>({ url: url(), WebSocket });
    const overHttp = createWeeRpcClient<Api>({ url: `http://127.0.0.1:${live.port}/rpc` });
    try {
      expect(await overWs.call('add_numbers', [1, 2])).toEqual(await overHttp.call('add_numbers', [1, 2]));
      expect(await overWs.call('secret')).toEqual({ ok: false, message: 'Unauthorized.', data: null });
      const ids = await Promise.all(Array.from({ length: 200 }, (_, id) => overWs.call('delayed', { id, ms: id % 3 })));
      expect(ids.map(answer => answer.data)).toEqual(Array.from({ length: 200 }, (_, id) => id));
    } finally {
      overWs.close();
    }
  });

  it('sends the session cookie on the upgrade (Node) and gets a refusal reason without it', async () => {
    const member = createWeeRpcClient<Api>({ url: url('/rpc/locked'), WebSocket, headers: { Cookie: await loginCookie() } });
    const stranger = createWeeRpcClient<Api>({ url: url('/rpc/locked'), WebSocket, reconnect: { attempts: 1 } });
    try {
      expect(await member.call('vault')).toMatchObject({ ok: true, data: 'vault' });
      const refused = stranger.call('vault');
      await expect(refused).rejects.toBeInstanceOf(RpcClientError);
      await expect(refused).rejects.toThrow('WebSocket closed (1008 Unauthorized.)');
    } finally {
      member.close();
      stranger.close();
    }
  });

  it('createJsonRpcClient: calls, errors, notifications and batches over one socket', async () => {
    const rpc = createJsonRpcClient<Api>({ url: url(), WebSocket });
    try {
      expect(await rpc.call('add_numbers', [2, 3])).toBe(5);
      await expect(rpc.call('secret')).rejects.toEqual(new JsonRpcError(-32002, 'Unauthorized.'));
      await rpc.notify('echo', ['nobody listens']);
      const settled = await rpc.batch([
        { method: 'add_numbers', params: [1, 1] },
        { method: 'echo', params: ['n'], notification: true },
        { method: 'nope' },
      ]);
      expect(settled[0]).toEqual({ ok: true, result: 2 });
      expect(settled[1]).toBeUndefined();
      expect(settled[2]).toMatchObject({ ok: false, error: { code: -32601 } });
      expect(await rpc.batch([{ method: 'echo', params: [1], notification: true }])).toEqual([undefined]);
      expect(await rpc.call('echo', ['last'])).toEqual(['last']);
    } finally {
      rpc.close();
    }
  });

  it('reconnects on the next call after the server closed the socket, and backs off while it cannot', async () => {
    const client = createWeeRpcClient<Api>({ url: url(), WebSocket, reconnect: { attempts: 3, delay: 50 } });
    const upgraded: Duplex[] = [];
    const seen = (_request: IncomingMessage, socket: Duplex) => upgraded.push(socket);
    const server = live.app.getHttpServer();
    server.on('upgrade', seen);
    try {
      expect(await client.call('echo', 1)).toMatchObject({ data: 1 });
      expect(await client.call('echo', 1.5)).toMatchObject({ data: 1.5 });
      expect(upgraded).toHaveLength(1);
      // The server's end of the socket goes away: the client finds out and opens a new one.
      upgraded[0].destroy();
      await new Promise(resolve => setTimeout(resolve, 50));
      expect(await client.call('echo', 2)).toMatchObject({ data: 2 });
      expect(upgraded).toHaveLength(2);
      server.off('upgrade', seen);
      const nowhere = createWeeRpcClient<Api>({ url: 'ws://127.0.0.1:1/rpc', WebSocket, reconnect: { attempts: 3, delay: 50 } });
      const started = Date.now();
      await expect(nowhere.call('echo', 1)).rejects.toThrow('Could not connect to ws://127.0.0.1:1/rpc after 3 attempts');
      expect(Date.now() - started).toBeGreaterThanOrEqual(50 + 100);
    } finally {
      client.close();
    }
    await expect(client.call('echo', 3)).rejects.toThrow('The client was closed.');
  });

  it("takes main's per-call signal and timeout over a socket and keeps later answers in order", async () => {
    const weerpc = createWeeRpcClient<Api>({ url: url(), WebSocket });
    const jsonrpc = createJsonRpcClient<Api>({ url: url(), WebSocket, timeout: 30 });
    try {
      await expect(weerpc.call('delayed', { id: 1, ms: 300 }, { timeout: 30 })).rejects.toMatchObject({ name: 'TimeoutError' });
      const controller = new AbortController();
      const aborted = weerpc.call('delayed', { id: 2, ms: 300 }, { signal: controller.signal });
      controller.abort(new Error('stopped'));
      await expect(aborted).rejects.toThrow('stopped');
      // The dropped calls' answers still arrive first; each later call gets its own.
      expect((await weerpc.call('delayed', { id: 3, ms: 0 })).data).toBe(3);
      await expect(jsonrpc.call('delayed', { id: 4, ms: 300 })).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(await jsonrpc.call('delayed', { id: 5, ms: 0 }, { timeout: 5000 })).toBe(5);
    } finally {
      weerpc.close();
      jsonrpc.close();
    }
  });

  it('needs a WebSocket class where the runtime has none', () => {
    if ((globalThis as { WebSocket?: unknown }).WebSocket) {
      expect(() => createWeeRpcClient({ url: url() })).not.toThrow();
    } else {
      expect(() => createWeeRpcClient({ url: url() })).toThrow('No WebSocket in this runtime');
    }
  });
});
