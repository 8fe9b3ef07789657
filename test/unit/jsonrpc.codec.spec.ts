import { JsonRpcCodec } from '../../lib/protocol/jsonrpc.codec.js';
import { FAILURES, rpcFailure } from '../../lib/outcome/rpc-failures.js';

const codec = new JsonRpcCodec(3);
const parsed = (answer: { body: string }) => JSON.parse(answer.body);

describe('JsonRpcCodec.read', () => {
  it('reads a call: params become data, no params null, the id is kept', () => {
    expect(codec.read({ jsonrpc: '2.0', method: 'm', params: [1], id: 1 })).toEqual({ call: { function: 'm', data: [1], id: 1, stream: false } });
    expect(codec.read({ jsonrpc: '2.0', method: 'm', params: { a: 1 }, id: 'x' })).toEqual({
      call: { function: 'm', data: { a: 1 }, id: 'x', stream: false },
    });
    expect(codec.read({ jsonrpc: '2.0', method: 'm', id: null })).toEqual({ call: { function: 'm', data: null, id: null, stream: false } });
  });

  it('reads a notification as a call without id (undefined, not null)', () => {
    const decoded = codec.read({ jsonrpc: '2.0', method: 'm' });
    expect(decoded.call).toBeDefined();
    expect(decoded.call && 'id' in decoded.call ? decoded.call.id : 'absent').toBeUndefined();
  });

  it.each([
    [{ jsonrpc: '2.0', method: 1, id: 4 }, 4],
    [{ jsonrpc: '1.0', method: 'm', id: 'a' }, 'a'],
    [{ jsonrpc: 2, method: 'm', id: 'a' }, 'a'],
    [{ method: 'm', id: 5 }, 5],
    [{ jsonrpc: '2.0', method: 'm', params: 'x', id: 6 }, 6],
    [{ jsonrpc: '2.0', method: 'm', params: null, id: 7 }, 7],
    [{ jsonrpc: '2.0', method: 'm', params: [], id: { a: 1 } }, null],
    [{ jsonrpc: '2.0', method: 'm', id: [1] }, null],
    [{ jsonrpc: '2.0', method: 'm', id: false }, null],
    [{ jsonrpc: '2.0', method: 1 }, null],
    ['x', null],
    [7, null],
    [null, null],
  ])('refuses %j as an Invalid Request answered with id %j', (value, id) => {
    const decoded = codec.read(value);
    expect(decoded.failure).toBe(FAILURES.invalidRequest);
    expect(decoded.id).toBe(id);
  });

  it('reads rpc.cancel notifications with a valid id as stream cancels, and nothing else', () => {
    expect(codec.cancelOf({ jsonrpc: '2.0', method: 'rpc.cancel', params: { id: 7 } })).toEqual({ id: 7 });
    expect(codec.cancelOf({ jsonrpc: '2.0', method: 'rpc.cancel', params: { id: 'a' } })).toEqual({ id: 'a' });
    expect(codec.cancelOf({ jsonrpc: '2.0', method: 'rpc.cancel', params: { id: 7 }, id: 1 })).toBeUndefined();
    expect(codec.cancelOf({ jsonrpc: '2.0', method: 'rpc.cancel', params: { id: { x: 1 } } })).toBeUndefined();
    expect(codec.cancelOf({ jsonrpc: '2.0', method: 'rpc.cancel', params: [7] })).toBeUndefined();
    expect(codec.cancelOf({ jsonrpc: '2.0', method: 'cancel', params: { id: 7 } })).toBeUndefined();
    expect(codec.read({ jsonrpc: '2.0', method: 'm', id: 1, stream: true }).call?.stream).toBe(true);
  });

  it('reads a batch element by element', () => {
    const decoded = codec.read([{ jsonrpc: '2.0', method: 'a', id: 1 }, 1, { jsonrpc: '2.0', method: 'b' }]);
    expect(decoded.batch).toEqual([
      { call: { function: 'a', data: null, id: 1, stream: false } },
      { failure: FAILURES.invalidRequest, id: null },
      { call: { function: 'b', data: null, id: undefined, stream: false } },
    ]);
  });

  it('refuses an empty batch and one over maxBatchSize as a whole', () => {
    expect(codec.read([])).toEqual({ failure: FAILURES.invalidRequest, id: null });
    const tooMany = codec.read([1, 2, 3, 4]);
    expect(tooMany.failure).toMatchObject({ kind: 'invalid-request', data: { maxBatchSize: 3 } });
    expect(codec.read([1, 2, 3]).batch).toHaveLength(3);
  });

  it('refuses a request on an endpoint without JSON-RPC: answered with its id, notifications with null', () => {
    expect(codec.refuse({ jsonrpc: '2.0', method: 'm', id: 9 })).toMatchObject({ failure: { kind: 'invalid-version' }, id: 9 });
    expect(codec.refuse({ jsonrpc: '2.0', method: 'm' }).id).toBeNull();
    expect(codec.refuse({ jsonrpc: 'x' }).id).toBeNull();
  });
});

describe('JsonRpcCodec answers', () => {
  it('frames a result with the id; undefined data is null', () => {
    expect(codec.answer({ ok: true, message: 'dropped', data: [1] }, 'a')).toEqual({
      status: 200,
      body: '{"jsonrpc":"2.0","result":[1],"id":"a"}',
    });
    expect(parsed(codec.answer({ ok: true, message: null, data: undefined as never }, 1))).toEqual({ jsonrpc: '2.0', result: null, id: 1 });
  });

  it('answers nothing (204, empty body) to a notification', () => {
    expect(codec.answer({ ok: true, message: null, data: 1 }, undefined)).toEqual({ status: 204, body: '' });
    expect(codec.element(FAILURES.internal, undefined)).toBeUndefined();
  });

  it.each([
    [FAILURES.notJson, { code: -32700, message: 'Parse error' }],
    [FAILURES.empty, { code: -32600, message: 'Invalid Request' }],
    [FAILURES.invalidRequest, { code: -32600, message: 'Invalid Request' }],
    [FAILURES.invalidFunction, { code: -32601, message: 'Method not found' }],
    [rpcFailure('invalid-data', 'Invalid data.', ['x must be y']), { code: -32602, message: 'Invalid params', data: ['x must be y'] }],
    [FAILURES.internal, { code: -32603, message: 'Internal error' }],
    [
      { ok: false, message: 'Nope.', data: { why: 1 } },
      { code: -32000, message: 'Nope.', data: { why: 1 } },
    ],
    [
      { ok: false, message: null, data: null },
      { code: -32000, message: 'Server error' },
    ],
    [FAILURES.noResult, { code: -32001, message: 'Unsuccessful command execution.' }],
    [rpcFailure('unauthorized', 'Unauthorized (a.test)'), { code: -32002, message: 'Unauthorized (a.test)' }],
    [
      { ...rpcFailure('rejected', 'Gone'), exceptionStatus: 410 },
      { code: -32003, message: 'Gone', data: { status: 410 } },
    ],
    [FAILURES.noFunctions, { code: -32004, message: 'No functions registered.' }],
    [FAILURES.tooLarge, { code: -32005, message: 'Request too large.' }],
    [FAILURES.timedOut, { code: -32007, message: 'Request timed out.' }],
    [codec.refuse({ jsonrpc: '2.0', method: 'm', id: 1 }).failure, { code: -32006, message: 'JSON-RPC 2.0 is not accepted on this endpoint.' }],
  ])('maps %j to the error %j', (outcome, error) => {
    expect(parsed(codec.answer(outcome, 'id'))).toEqual({ jsonrpc: '2.0', error, id: 'id' });
  });

  it('sends HTTP 200 for every error but a body over the limit (413) or not whole in time (408)', () => {
    expect(codec.answer(FAILURES.internal, null).status).toBe(200);
    expect(codec.answer(FAILURES.tooLarge, null).status).toBe(413);
    expect(codec.answer(FAILURES.timedOut, null).status).toBe(408);
  });

  it('throws on data it cannot serialize, so the dispatcher can log it', () => {
    expect(() => codec.element({ ok: true, message: null, data: { big: BigInt(1) } }, 1)).toThrow(TypeError);
  });

  it('joins batch elements into an array; none at all is 204', () => {
    expect(codec.join(['{"a":1}', '{"b":2}'])).toEqual({ status: 200, body: '[{"a":1},{"b":2}]' });
    expect(codec.join([])).toEqual({ status: 204, body: '' });
  });
});
