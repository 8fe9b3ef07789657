import { WEERPC_1_0_CODEC, WEERPC_1_1_CODEC } from '../../lib/protocol/weerpc.codec.js';
import { FAILURES } from '../../lib/outcome/rpc-failures.js';
import { isFalsyBody, isJsonContentType } from '../../lib/protocol/json-body.js';

describe('WeeRpcCodec', () => {
  it('decodes a 1.1 call', () => {
    expect(WEERPC_1_1_CODEC.read(JSON.parse('{"weerpc":1.1,"function":"f","data":[1]}'))).toEqual({
      call: { function: 'f', data: [1], stream: false },
    });
  });

  it('decodes a 1.0 call only under wrpc', () => {
    expect(WEERPC_1_0_CODEC.read(JSON.parse('{"wrpc":1.0,"function":"f","data":2}')).call).toEqual({ function: 'f', data: 2, stream: false });
    expect(WEERPC_1_0_CODEC.read(JSON.parse('{"weerpc":1.1,"function":"f"}')).failure?.message).toBe('Invalid weerpc version.');
  });

  it('reads "stream": true (and nothing else) as a request for a stream of messages', () => {
    expect(WEERPC_1_1_CODEC.read({ weerpc: 1.1, function: 'f', stream: true }).call?.stream).toBe(true);
    expect(WEERPC_1_1_CODEC.read({ weerpc: 1.1, function: 'f', stream: 'yes' }).call?.stream).toBe(false);
  });

  it('frames a stream item as a message that says so, and reads cancel messages of its own version only', () => {
    expect(WEERPC_1_1_CODEC.streamMessage([1])).toBe('{"weerpc":1.1,"stream":"item","ok":true,"message":null,"data":[1]}');
    expect(WEERPC_1_0_CODEC.streamMessage(undefined)).toBe('{"wrpc":1.0,"stream":"item","ok":true,"message":null,"data":null}');
    expect(WEERPC_1_1_CODEC.cancelOf({ weerpc: 1.1, cancel: true })).toEqual({});
    expect(WEERPC_1_1_CODEC.cancelOf({ weerpc: 1.1, cancel: true, function: 'f' })).toBeUndefined();
    expect(WEERPC_1_1_CODEC.cancelOf({ weerpc: 1.1, cancel: 'true' })).toBeUndefined();
    expect(WEERPC_1_0_CODEC.cancelOf({ weerpc: 1.1, cancel: true })).toBeUndefined();
  });

  it('encodes with the version as the reference writes it', () => {
    expect(WEERPC_1_1_CODEC.answer({ ok: true, message: null, data: 0 }).body).toBe('{"weerpc":1.1,"ok":true,"message":null,"data":0}');
    expect(WEERPC_1_0_CODEC.answer({ ok: false, message: 'm', data: undefined }).body).toBe('{"wrpc":1.0,"ok":false,"message":"m","data":null}');
  });

  it('answers HTTP 200 but for a body too large (413), not whole in time (408) or an internal error (500)', () => {
    expect(WEERPC_1_1_CODEC.answer({ ok: false, message: 'x', data: null }).status).toBe(200);
    expect(WEERPC_1_1_CODEC.answer(FAILURES.invalidRequest).status).toBe(200);
    expect(WEERPC_1_1_CODEC.answer(FAILURES.tooLarge).status).toBe(413);
    expect(WEERPC_1_1_CODEC.answer(FAILURES.timedOut).status).toBe(408);
    expect(WEERPC_1_1_CODEC.answer(FAILURES.internal).status).toBe(500);
  });

  it('does not let a __proto__ key change the decoded object', () => {
    const decoded = WEERPC_1_1_CODEC.read(JSON.parse('{"weerpc":1.1,"function":"f","data":{"__proto__":{"polluted":1}}}'));
    const data = decoded.call?.data as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('isJsonContentType', () => {
  it.each([
    ['application/json', true],
    ['application/JSON; charset=latin1', true],
    ['application/ld+json', true],
    [' application/json ', true],
    ['text/json', false],
    ['text/plain+json', false],
    ['application/json-seq', false],
    ['', false],
    [undefined, false],
  ])('%j → %s', (type, expected) => {
    expect(isJsonContentType(type)).toBe(expected);
  });
});

describe('isFalsyBody (Python truthiness)', () => {
  it.each([[null], [false], [0], [-0], [''], [[]], [{}]])('%j is falsy', value => expect(isFalsyBody(value)).toBe(true));
  it.each([[1], [true], ['0'], [[0]], [{ a: null }], [-1]])('%j is not', value => expect(isFalsyBody(value)).toBe(false));
});
