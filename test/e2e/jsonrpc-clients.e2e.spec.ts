import type { INestApplication } from '@nestjs/common';
import jayson from 'jayson/promise/index.js';
import { JSONRPCClient, JSONRPCErrorException, type JSONRPCRequest } from 'json-rpc-2.0';
import { createJsonRpcClient, JsonRpcError } from 'nestjs-weerpc/client';
import { SpecExamplesService, specExamplesApp } from '../fixtures/jsonrpc.fixture.js';
import { ADAPTERS, createTestApp } from '../support/create-app.js';
import { baseUrl } from '../support/raw-http.js';

/** Real JSON-RPC 2.0 clients from npm, and ours, calling the endpoint over HTTP. */
describe.each(ADAPTERS)('JSON-RPC 2.0 clients against the endpoint (%s)', adapter => {
  let app: INestApplication;
  let url: string;
  beforeAll(async () => {
    app = await createTestApp(specExamplesApp({ maxBatchSize: 3 }), { adapter });
    url = `${baseUrl(app)}/rpc`;
  });
  afterAll(() => app.close());

  describe('jayson (HTTP client)', () => {
    const client = () => {
      const { port } = new URL(url);
      return jayson.Client.http({ host: '127.0.0.1', port: Number(port), path: '/rpc' });
    };

    it('calls with positional and named params', async () => {
      expect(await client().request('subtract', [42, 23])).toMatchObject({ jsonrpc: '2.0', result: 19 });
      expect(await client().request('subtract', { minuend: 42, subtrahend: 23 }, 'named')).toEqual({ jsonrpc: '2.0', result: 19, id: 'named' });
    });

    it('gets an error object for a missing method', async () => {
      const answer = await client().request('foobar', [], 7);
      expect(answer).toEqual({ jsonrpc: '2.0', error: { code: -32601, message: 'Method not found' }, id: 7 });
    });

    it('sends a batch with a notification and matches the answers by id', async () => {
      const c = client();
      const answers = (await c.request([
        c.request('sum', [1, 2, 4], 'a', false),
        // null is jayson's id for a notification; its typings leave null out.
        c.request('notify_hello', [7], null as unknown as undefined, false),
        c.request('get_data', [], 'b', false),
      ])) as unknown as { id: string }[];
      const byId = Object.fromEntries(answers.map(answer => [answer.id, answer]));
      expect(answers).toHaveLength(2);
      expect(byId.a).toEqual({ jsonrpc: '2.0', result: 7, id: 'a' });
      expect(byId.b).toEqual({ jsonrpc: '2.0', result: ['hello', 5], id: 'b' });
    });
  });

  describe("json-rpc-2.0's JSONRPCClient", () => {
    const client = () => {
      const rpc: JSONRPCClient = new JSONRPCClient(async (payload: JSONRPCRequest | JSONRPCRequest[]) => {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
        if (response.status === 200) {
          rpc.receive(await response.json());
        } else if (response.status !== 204) {
          throw new Error(response.statusText);
        }
      });
      return rpc;
    };

    it('calls with positional and named params', async () => {
      expect(await client().request('subtract', [42, 23])).toBe(19);
      expect(await client().request('subtract', { subtrahend: 23, minuend: 42 })).toBe(19);
    });

    it('rejects with the error object for a missing method', async () => {
      const error = await Promise.resolve(client().request('foo.get', { name: 'myself' })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JSONRPCErrorException);
      expect(error).toMatchObject({ code: -32601, message: 'Method not found' });
    });

    it('sends a batch and a notification', async () => {
      const rpc = client();
      const answers = await rpc.requestAdvanced([
        { jsonrpc: '2.0', method: 'sum', params: [1, 2, 4], id: 1 },
        { jsonrpc: '2.0', method: 'subtract', params: [42, 23], id: 2 },
      ]);
      expect(answers).toEqual([
        { jsonrpc: '2.0', result: 7, id: 1 },
        { jsonrpc: '2.0', result: 19, id: 2 },
      ]);
      const service = app.get(SpecExamplesService);
      service.notified.length = 0;
      rpc.notify('update', [1, 2]);
      await waitFor(() => service.notified.length === 1);
      expect(service.notified).toEqual([{ method: 'update', params: [1, 2] }]);
    });
  });

  describe('createJsonRpcClient (nestjs-weerpc/client)', () => {
    type Api = {
      subtract: (params: [number, number] | { minuend: number; subtrahend: number }) => number;
      sum: (params: number[]) => number;
      update: (params: number[]) => null;
      get_data: () => [string, number];
      foobar: () => never;
    };
    const client = () => createJsonRpcClient<Api>({ url });

    it('calls with positional and named params', async () => {
      expect(await client().call('subtract', [42, 23])).toBe(19);
      expect(await client().call('subtract', { minuend: 42, subtrahend: 23 })).toBe(19);
      expect(await client().call('get_data')).toEqual(['hello', 5]);
    });

    it('rejects with JsonRpcError for an error answer', async () => {
      const error = await client()
        .call('foobar')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JsonRpcError);
      expect(error).toMatchObject({ code: -32601, message: 'Method not found' });
    });

    it('notifies: the server runs it and answers nothing', async () => {
      const service = app.get(SpecExamplesService);
      service.notified.length = 0;
      await client().notify('update', [3]);
      expect(service.notified).toEqual([{ method: 'update', params: [3] }]);
    });

    it('settles each call of a batch in order, notifications as undefined', async () => {
      const answers = await client().batch([
        { method: 'sum', params: [1, 2, 4] },
        { method: 'notify_hello', params: [7], notification: true },
        { method: 'foobar' },
      ]);
      expect(answers[0]).toEqual({ ok: true, result: 7 });
      expect(answers[1]).toBeUndefined();
      expect(answers[2]).toMatchObject({ ok: false, error: { code: -32601, message: 'Method not found' } });
      expect(await client().batch([])).toEqual([]);
    });

    it('rejects with RpcClientError, with the HTTP status, when the answer is not JSON-RPC', async () => {
      const lost = createJsonRpcClient({ url: `${url}/nowhere` });
      await expect(lost.call('get_data')).rejects.toMatchObject({ name: 'RpcClientError', status: 404 });
      await expect(lost.batch([{ method: 'get_data' }])).rejects.toMatchObject({ name: 'RpcClientError', status: 404 });
    });

    it('rejects a batch the server refused as a whole', async () => {
      const calls = Array.from({ length: 4 }, () => ({ method: 'get_data' }));
      await expect(client().batch(calls)).rejects.toMatchObject({ code: -32600, data: { maxBatchSize: 3 } });
    });
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 100 && !condition(); attempt++) {
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}
