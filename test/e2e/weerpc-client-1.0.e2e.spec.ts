import type { INestApplication } from '@nestjs/common';
import { createWeeRpcClient, type WeeRpcClientProtocol } from 'nestjs-weerpc/client';
import { toolsApp } from '../fixtures/tools.fixture.js';
import { ADAPTERS, createTestApp } from '../support/create-app.js';
import { baseUrl } from '../support/raw-http.js';

type Tools = { add_numbers: (data: number[]) => number; echo: (data: unknown) => unknown; nothing: () => void };

describe.each(ADAPTERS)('createWeeRpcClient in weeRPC 1.0 mode (%s)', adapter => {
  let legacy: INestApplication;
  let current: INestApplication;
  /** What the client put on the wire, and what it got back, per call. */
  const wire: { sent: string; answered: string }[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const answered = await response.clone().text();
    wire.push({ sent: String(init?.body as string), answered });
    return response;
  };
  const client = (app: INestApplication, protocol?: WeeRpcClientProtocol) =>
    createWeeRpcClient<Tools>({ url: `${baseUrl(app)}/rpc`, protocol, fetch: recordingFetch });

  beforeAll(async () => {
    legacy = await createTestApp(toolsApp({ protocols: ['weerpc/1.0'] }), { adapter, session: false });
    current = await createTestApp(toolsApp(), { adapter, session: false });
  });
  afterAll(async () => {
    await legacy.close();
    await current.close();
  });
  beforeEach(() => (wire.length = 0));

  it('sends {"wrpc":1.0,...} and reads the wrpc answers of a 1.0 endpoint', async () => {
    const rpc = client(legacy, 'weerpc/1.0');
    expect(await rpc.call('add_numbers', [4, 5])).toEqual({ ok: true, message: "Function 'add_numbers' executed successfully", data: 9 });
    expect(await rpc.call('nothing')).toEqual({ ok: false, message: 'Unsuccessful command execution.', data: null });
    expect(await rpc.call('echo', { text: 'é', list: [1.5, null] })).toEqual({ ok: true, message: null, data: { text: 'é', list: [1.5, null] } });
    expect(wire.map(exchange => exchange.sent)).toEqual([
      '{"wrpc":1.0,"function":"add_numbers","data":[4,5]}',
      '{"wrpc":1.0,"function":"nothing","data":null}',
      '{"wrpc":1.0,"function":"echo","data":{"text":"é","list":[1.5,null]}}',
    ]);
    expect(wire[0].answered).toBe('{"wrpc":1.0,"ok":true,"message":"Function \'add_numbers\' executed successfully","data":9}');
  });

  it('gets the version error as an answer when the protocols do not match, either way', async () => {
    expect(await client(current, 'weerpc/1.0').call('echo', 1)).toEqual({ ok: false, message: 'Invalid weerpc version.', data: null });
    expect(await client(legacy).call('echo', 1)).toEqual({ ok: false, message: 'Invalid weerpc version.', data: null });
    expect(wire.map(exchange => exchange.answered)).toEqual([
      '{"weerpc":1.1,"ok":false,"message":"Invalid weerpc version.","data":null}',
      '{"wrpc":1.0,"ok":false,"message":"Invalid weerpc version.","data":null}',
    ]);
  });

  it('stays weeRPC 1.1 by default and refuses a protocol it does not speak', async () => {
    expect(await client(current).call('add_numbers', [1])).toMatchObject({ ok: true, data: 1 });
    expect(wire[0].sent).toBe('{"weerpc":1.1,"function":"add_numbers","data":[1]}');
    expect(() => client(current, 'jsonrpc/2.0' as WeeRpcClientProtocol)).toThrow(
      `createWeeRpcClient: unknown protocol "jsonrpc/2.0"; use 'weerpc/1.1' or 'weerpc/1.0'.`,
    );
  });
});
