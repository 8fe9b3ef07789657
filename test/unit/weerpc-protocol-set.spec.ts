import { createProtocolSet } from '../../lib/protocol/weerpc-protocol-set.js';

const bytes = (text: string) => ({ kind: 'bytes' as const, bytes: Buffer.from(text) });
const JSON_TYPE = 'application/json';

describe('RpcProtocolSet', () => {
  const mixed = createProtocolSet({ protocols: ['weerpc/1.1', 'jsonrpc/2.0'] });
  const pick = (text: string, set = mixed, type = JSON_TYPE) => {
    const { codec, decoded } = set.decode(bytes(text), type);
    return { codec: codec.name, decoded };
  };

  it('defaults to weeRPC 1.1 alone', () => {
    const set = createProtocolSet();
    expect(set.names).toEqual(['weerpc/1.1']);
    expect(set.first.name).toBe('weerpc/1.1');
  });

  it('picks the codec by envelope key, in the endpoint order', () => {
    expect(pick('{"weerpc":1.1,"function":"f"}').codec).toBe('weerpc/1.1');
    expect(pick('{"jsonrpc":"2.0","method":"f","id":1}').codec).toBe('jsonrpc/2.0');
    expect(pick('{"jsonrpc":"2.0","weerpc":1.1,"function":"f","method":"g"}')).toEqual({
      codec: 'weerpc/1.1',
      decoded: { call: { function: 'f', data: null, stream: false } },
    });
  });

  it('tells cancel messages of its own protocols apart from calls, without parsing long messages', () => {
    const cancel = (text: string, set = mixed) => set.readCancel(Buffer.from(text));
    expect(cancel('{"weerpc":1.1,"cancel":true}')).toEqual({});
    expect(cancel('{"jsonrpc":"2.0","method":"rpc.cancel","params":{"id":3}}')).toEqual({ id: 3 });
    expect(cancel('{"jsonrpc":"2.0","method":"rpc.cancel","params":{"id":3}}', createProtocolSet())).toBeUndefined();
    expect(cancel('{"weerpc":1.1,"function":"cancel"}')).toBeUndefined();
    expect(cancel('{"weerpc":1.1,"cancel":true')).toBeUndefined();
    expect(cancel(`{"weerpc":1.1,"cancel":true,"pad":"${'x'.repeat(300)}"}`)).toBeUndefined();
  });

  it('sends arrays to the protocol with batches, or to the first when there is none', () => {
    expect(pick('[1]').codec).toBe('jsonrpc/2.0');
    expect(pick('[1]', createProtocolSet()).codec).toBe('weerpc/1.1');
  });

  it('lets the first protocol answer bodies no envelope chose', () => {
    expect(pick('{"function":"f"}').codec).toBe('weerpc/1.1');
    expect(pick('not json')).toMatchObject({ codec: 'weerpc/1.1', decoded: { failure: { kind: 'not-json' }, id: null } });
    expect(pick('{"weerpc":1.1}', mixed, 'text/plain').decoded).toMatchObject({ failure: { kind: 'not-json' } });
    expect(pick('not json', createProtocolSet({ protocols: ['jsonrpc/2.0', 'weerpc/1.1'] })).codec).toBe('jsonrpc/2.0');
  });

  it('lets a known protocol the endpoint does not accept answer its own version error', () => {
    // weeRPC's version error travels in the envelope of the weeRPC version the endpoint speaks...
    expect(pick('{"wrpc":1.0,"function":"f"}')).toMatchObject({ codec: 'weerpc/1.1', decoded: { failure: { kind: 'invalid-version' } } });
    // ...or in its own when the endpoint speaks none.
    expect(pick('{"wrpc":1.0,"function":"f"}', createProtocolSet({ protocols: ['jsonrpc/2.0'] }))).toMatchObject({
      codec: 'weerpc/1.0',
      decoded: { failure: { kind: 'invalid-version' } },
    });
    const weeOnly = createProtocolSet();
    expect(pick('{"jsonrpc":"2.0","method":"f","id":3}', weeOnly)).toMatchObject({
      codec: 'jsonrpc/2.0',
      decoded: { failure: { kind: 'invalid-version' }, id: 3 },
    });
  });

  it('takes an already parsed body as it is', () => {
    const { codec, decoded } = mixed.decode({ kind: 'parsed', value: { jsonrpc: '2.0', method: 'f', id: 1 } }, JSON_TYPE);
    expect([codec.name, decoded.call?.function]).toEqual(['jsonrpc/2.0', 'f']);
  });

  it('passes maxBatchSize to the JSON-RPC codec', () => {
    const small = createProtocolSet({ protocols: ['jsonrpc/2.0'], maxBatchSize: 1 });
    expect(pick('[1,2]', small).decoded.failure).toMatchObject({ data: { maxBatchSize: 1 } });
  });

  it('ignores a protocol named twice', () => {
    expect(createProtocolSet({ protocols: ['weerpc/1.0', 'weerpc/1.0'] }).names).toEqual(['weerpc/1.0']);
  });
});
