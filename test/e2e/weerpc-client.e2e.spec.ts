import type { INestApplication } from '@nestjs/common';
import { createWeeRpcClient, RpcClientError, RpcRequest, weerpc, WeeRpcClientError } from 'nestjs-weerpc/client';
import { authApp } from '../fixtures/auth.fixture.js';
import { toolsApp } from '../fixtures/tools.fixture.js';
import { ADAPTERS, createTestApp } from '../support/create-app.js';
import { baseUrl } from '../support/raw-http.js';

describe.each(ADAPTERS)('client builders against a live server on %s', adapter => {
  let app: INestApplication;
  let url: string;
  beforeAll(async () => {
    app = await createTestApp(toolsApp(), { adapter });
    url = `${baseUrl(app)}/rpc`;
  });
  afterAll(() => app.close());

  it('weerpc() builds a fetch body the server answers', async () => {
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: weerpc('add_numbers', [1, 2, 3]) });
    expect(await res.json()).toEqual({ weerpc: 1.1, ok: true, message: "Function 'add_numbers' executed successfully", data: 6 });
  });

  it('RpcRequest.build() builds the request object', async () => {
    expect(RpcRequest.build('add_numbers', [1])).toEqual({ weerpc: 1.1, function: 'add_numbers', data: [1] });
    expect(RpcRequest.build('nothing')).toEqual({ weerpc: 1.1, function: 'nothing', data: null });
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(RpcRequest.build('echo', { a: 1 })),
    });
    expect((await res.json()).data).toEqual({ a: 1 });
  });

  it('createWeeRpcClient().call() resolves to the answer, failures included', async () => {
    const client = createWeeRpcClient<{ add_numbers: (data: number[]) => number; nothing: () => void }>({ url });
    expect(await client.call('add_numbers', [4, 5])).toEqual({ ok: true, message: "Function 'add_numbers' executed successfully", data: 9 });
    expect(await client.call('nothing')).toEqual({ ok: false, message: 'Unsuccessful command execution.', data: null });
  });

  it('rejects with RpcClientError (and its deprecated name WeeRpcClientError) when the answer is not weeRPC', async () => {
    const client = createWeeRpcClient({ url: `${baseUrl(app)}/nowhere` });
    await expect(client.call('echo', 1)).rejects.toMatchObject({ name: 'RpcClientError', status: 404, message: 'Not a weeRPC answer (HTTP 404)' });
    await expect(client.call('echo', 1)).rejects.toBeInstanceOf(RpcClientError);
    await expect(client.call('echo', 1)).rejects.toBeInstanceOf(WeeRpcClientError);
  });
});

describe.each(ADAPTERS)('client with a session cookie (Node) on %s', adapter => {
  it('keeps the session through headers', async () => {
    const app = await createTestApp(authApp(), { adapter });
    try {
      const url = `${baseUrl(app)}/rpc`;
      let cookie = '';
      const cookieFetch: typeof fetch = async (input, init) => {
        const res = await fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } });
        const setCookie = res.headers.get('set-cookie');
        if (setCookie) cookie = setCookie.split(';')[0];
        return res;
      };
      const client = createWeeRpcClient({ url, fetch: cookieFetch });
      expect(await client.call('secret')).toEqual({ ok: false, message: 'Unauthorized.', data: null });
      await client.call('login', {});
      expect(await client.call('secret')).toEqual({ ok: true, message: null, data: 'secret' });
    } finally {
      await app.close();
    }
  });
});
