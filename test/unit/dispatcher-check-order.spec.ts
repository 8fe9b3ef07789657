import { jest } from '@jest/globals';
import { RpcAuthSessionKey } from '../../lib/auth/rpc-auth-session-key.js';
import { ADMISSION } from '../../lib/dispatch/rpc-input.js';
import type { RpcBody } from '../../lib/interfaces/rpc-body.interface.js';
import { unitCaller, unitDispatcher, unitEndpoint, type UnitEndpointOptions } from './support/endpoint.js';

const LOGGED_IN = new RpcAuthSessionKey('logged_in', [true]);
const OK_SESSION = { logged_in: true };
const OK_HOST = 'localhost:3000';

/**
 * Every check of the core, in its documented order (docs/protocol.md): each case passes every
 * earlier check and fails its own, so the case proves both that the check exists and where it sits.
 */
function endpointWith(overrides: Partial<UnitEndpointOptions> = {}, invoke = jest.fn(async () => 6)) {
  return {
    invoke,
    endpoint: unitEndpoint({
      sessionAuth: LOGGED_IN,
      hostAuth: [OK_HOST],
      maxDepth: 4,
      bodyLimit: 1000,
      functions: {
        add: { invoke },
        locked: { invoke, sessionAuth: new RpcAuthSessionKey('admin', [true]) },
        hosted: { invoke, hostAuth: ['other:1'] },
        nothing: { invoke: async () => undefined },
      },
      ...overrides,
    }),
  };
}

const bytes = (value: unknown): RpcBody => ({ kind: 'bytes', bytes: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)) });
const call = (fn: string, data: unknown = [1, 2, 3]) => bytes({ weerpc: 1.1, function: fn, data });

async function answerOf(
  endpoint: ReturnType<typeof endpointWith>['endpoint'],
  body: RpcBody,
  caller = unitCaller({ session: OK_SESSION }),
  contentType = 'application/json',
) {
  const answer = await unitDispatcher().execute(endpoint, caller, { body, contentType });
  return { status: answer.status, ...(JSON.parse(answer.body) as { ok: boolean; message: string | null; data: unknown }) };
}

describe('the core: a body, check by check in order', () => {
  it('1. no functions: refused before the rules', async () => {
    const { endpoint } = endpointWith({ functions: {} });
    expect(await answerOf(endpoint, call('add'), unitCaller({ session: undefined, host: 'evil' }))).toMatchObject({
      ok: false,
      message: 'No functions registered.',
    });
  });

  it('2. the endpoint session rule, before its host rule', async () => {
    const { endpoint, invoke } = endpointWith();
    expect(await answerOf(endpoint, call('add'), unitCaller({ session: {}, host: 'evil' }))).toMatchObject({ ok: false, message: 'Unauthorized.' });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('3. the endpoint host rule, before the size', async () => {
    const { endpoint } = endpointWith();
    const answer = await answerOf(endpoint, { kind: 'too-large' }, unitCaller({ session: OK_SESSION, host: 'evil' }));
    expect(answer).toMatchObject({ ok: false, message: 'Unauthorized (evil)' });
  });

  it('4. the size, before the body is read', async () => {
    const { endpoint } = endpointWith();
    expect(await answerOf(endpoint, { kind: 'too-large' })).toMatchObject({ status: 413, ok: false, message: 'Request too large.' });
  });

  it('5. the depth, before the shape is decoded', async () => {
    const { endpoint, invoke } = endpointWith();
    // maxDepth 4: the envelope is level 1, so data may nest 3 levels.
    expect(await answerOf(endpoint, call('add', [[[1]]]))).toMatchObject({ ok: true, data: 6 });
    expect(await answerOf(endpoint, call('nope', [[[[1]]]]))).toMatchObject({ ok: false, message: 'Invalid request.' });
    expect(invoke).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['not JSON', 'text/plain', call('add'), 'Request must be JSON.'],
    ['unparsable', 'application/json', bytes('{"weerpc":'), 'Request must be JSON.'],
    ['empty', 'application/json', bytes({}), 'Request must not be empty.'],
    ['wrong version', 'application/json', bytes({ weerpc: 2, function: 'add', data: 1 }), 'Invalid weerpc version.'],
    ['no function member', 'application/json', bytes({ weerpc: 1.1, data: 1 }), 'Invalid request.'],
  ])('6. decoding: %s, before the lookup', async (_case, contentType, body, message) => {
    const { endpoint } = endpointWith();
    expect(await answerOf(endpoint, body, undefined, contentType)).toMatchObject({ ok: false, message });
  });

  it('7. the lookup, before the function rules', async () => {
    const { endpoint } = endpointWith();
    expect(await answerOf(endpoint, call('missing'))).toMatchObject({ ok: false, message: 'Invalid function.' });
  });

  it("8. the function's session rule, then its host rule, before it runs", async () => {
    const { endpoint, invoke } = endpointWith();
    expect(await answerOf(endpoint, call('locked'))).toMatchObject({ ok: false, message: 'Unauthorized.' });
    expect(await answerOf(endpoint, call('hosted'))).toMatchObject({ ok: false, message: `Unauthorized (${OK_HOST})` });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('9. invoke, with the call context, then 10. map the result', async () => {
    const { endpoint, invoke } = endpointWith();
    const caller = unitCaller({ session: OK_SESSION, request: { id: 'req' }, response: { id: 'res' } });
    expect(await answerOf(endpoint, call('add', [1, 2]), caller)).toMatchObject({ ok: true, data: 6 });
    expect(invoke).toHaveBeenCalledWith(
      { id: 'req' },
      { id: 'res' },
      expect.objectContaining({ functionName: 'add', data: [1, 2], protocol: 'weerpc/1.1' }),
    );
    expect(await answerOf(endpoint, call('nothing'))).toMatchObject({ ok: false, message: 'Unsuccessful command execution.' });
  });

  it('10. map: a thrown error is the internal failure, never its text', async () => {
    const { endpoint } = endpointWith(
      {},
      jest.fn(async () => Promise.reject(new Error('secret'))),
    );
    const answer = await answerOf(endpoint, call('add'));
    expect(answer).toMatchObject({ status: 500, ok: false, message: 'Internal server error.' });
    expect(JSON.stringify(answer)).not.toContain('secret');
  });

  it('a surface refusal answers each call, after the endpoint rules', async () => {
    const { endpoint, invoke } = endpointWith();
    const refusal = { ok: false, message: 'Too many calls in flight.', data: null };
    const refused = await unitDispatcher().execute(endpoint, unitCaller({ session: OK_SESSION }), {
      body: call('add'),
      contentType: 'application/json',
      refusal,
    });
    expect(JSON.parse(refused.body)).toMatchObject({ ok: false, message: 'Too many calls in flight.' });
    const denied = await unitDispatcher().execute(endpoint, unitCaller({ session: {} }), {
      body: call('add'),
      contentType: 'application/json',
      refusal,
    });
    expect(JSON.parse(denied.body)).toMatchObject({ ok: false, message: 'Unauthorized.' });
    expect(invoke).not.toHaveBeenCalled();
  });
});

describe('the core: a call the surface decoded (a broker message), check by check in order', () => {
  const run = (endpoint: ReturnType<typeof endpointWith>['endpoint'], fn: string, data: unknown, session: unknown = OK_SESSION) =>
    unitDispatcher().execute(endpoint, unitCaller({ session, host: undefined }), { call: { function: fn, data }, protocol: 'nest/tcp' });

  it('endpoint rules, then size, then depth, then lookup, then function rules, then invoke', async () => {
    const { endpoint, invoke } = endpointWith({ hostAuth: undefined });
    expect(await run(endpoint, 'add', 'x'.repeat(5000), {})).toMatchObject({ message: 'Unauthorized.' });
    expect(await run(endpoint, 'add', [[[[['x'.repeat(5000)]]]]])).toMatchObject({ message: 'Request too large.' });
    expect(await run(endpoint, 'missing', [[[[1]]]])).toMatchObject({ message: 'Invalid request.' });
    expect(await run(endpoint, 'missing', [[[1]]])).toMatchObject({ message: 'Invalid function.' });
    expect(await run(endpoint, 'locked', [[[1]]])).toMatchObject({ message: 'Unauthorized.' });
    expect(invoke).not.toHaveBeenCalled();
    expect(await run(endpoint, 'add', [[[1]]])).toMatchObject({ ok: true, data: 6 });
  });

  it('host rules fail closed where the surface has no host', async () => {
    const { endpoint } = endpointWith();
    expect(await run(endpoint, 'add', 1)).toMatchObject({ ok: false, message: 'Unauthorized ()' });
  });
});

describe('the core: an admission (a WebSocket upgrade, an OpenRPC GET)', () => {
  it('no functions, then the session rule, then the host rule; null lets the caller in', async () => {
    const core = unitDispatcher();
    expect(await core.execute(endpointWith({ functions: {} }).endpoint, unitCaller({ session: {} }), ADMISSION)).toMatchObject({
      message: 'No functions registered.',
    });
    const { endpoint } = endpointWith();
    expect(await core.execute(endpoint, unitCaller({ session: {}, host: 'evil' }), ADMISSION)).toMatchObject({ message: 'Unauthorized.' });
    expect(await core.execute(endpoint, unitCaller({ session: OK_SESSION, host: 'evil' }), ADMISSION)).toMatchObject({
      message: 'Unauthorized (evil)',
    });
    expect(await core.execute(endpoint, unitCaller({ session: OK_SESSION }), ADMISSION)).toBeNull();
  });
});
