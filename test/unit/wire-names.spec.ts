import { describe, expect, it } from '@jest/globals';
import { JsonRpcCodec } from '../../lib/protocol/jsonrpc.codec.js';
import { WEERPC_1_0_CODEC, WEERPC_1_1_CODEC } from '../../lib/protocol/weerpc.codec.js';
import { createProtocolSet } from '../../lib/protocol/weerpc-protocol-set.js';
import { jsonRpcCancelBody, jsonRpcStreamItem, weeRpcCancelBody, weeRpcStreamMessagePrefix, withStreamMember } from '../../lib/wire/wire-names.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('the wire names shared by the clients and the server', () => {
  it('builds the messages docs/websocket.md shows, byte for byte', () => {
    expect(weeRpcCancelBody('weerpc', 1.1)).toBe('{"weerpc":1.1,"cancel":true}');
    expect(weeRpcCancelBody('wrpc', 1.0)).toBe('{"wrpc":1.0,"cancel":true}');
    expect(jsonRpcCancelBody('7')).toBe('{"jsonrpc":"2.0","method":"rpc.cancel","params":{"id":7}}');
    expect(jsonRpcStreamItem('7', '1')).toBe('{"jsonrpc":"2.0","method":"rpc.stream","params":{"id":7,"item":1}}');
    expect(`${weeRpcStreamMessagePrefix('weerpc', 1.1)}1}`).toBe('{"weerpc":1.1,"stream":"item","ok":true,"message":null,"data":1}');
    expect(withStreamMember('{"weerpc":1.1,"function":"count_to","data":{"n":2}}')).toBe(
      '{"weerpc":1.1,"function":"count_to","data":{"n":2},"stream":true}',
    );
  });

  it("the server reads the clients' cancel messages as the stream to stop", () => {
    const set = createProtocolSet({ protocols: ['weerpc/1.1', 'weerpc/1.0', 'jsonrpc/2.0'] });
    expect(set.readCancel(bytes(weeRpcCancelBody('weerpc', 1.1)))).toEqual({});
    expect(set.readCancel(bytes(weeRpcCancelBody('wrpc', 1.0)))).toEqual({});
    expect(set.readCancel(bytes(jsonRpcCancelBody('7')))).toEqual({ id: 7 });
    expect(set.readCancel(bytes(jsonRpcCancelBody('"a"')))).toEqual({ id: 'a' });
  });

  it('the server reads a call with the stream member as asking for a stream', () => {
    const weeRpcCall = JSON.parse(withStreamMember('{"weerpc":1.1,"function":"f","data":null}'));
    const jsonRpcCall = JSON.parse(withStreamMember('{"jsonrpc":"2.0","method":"f","id":1}'));
    expect(WEERPC_1_1_CODEC.read(weeRpcCall)).toMatchObject({ call: { stream: true } });
    expect(new JsonRpcCodec().read(jsonRpcCall)).toMatchObject({ call: { stream: true } });
  });

  it("the server's item messages carry the markers the clients look for", () => {
    expect(JSON.parse(WEERPC_1_1_CODEC.streamMessage({ n: 1 }))).toEqual({ weerpc: 1.1, stream: 'item', ok: true, message: null, data: { n: 1 } });
    expect(WEERPC_1_0_CODEC.streamMessage(2)).toBe('{"wrpc":1.0,"stream":"item","ok":true,"message":null,"data":2}');
    expect(new JsonRpcCodec().streamMessage(3, 7)).toBe('{"jsonrpc":"2.0","method":"rpc.stream","params":{"id":7,"item":3}}');
  });
});
