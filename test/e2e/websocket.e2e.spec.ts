import request from 'supertest';
import { ADAPTERS } from '../support/create-app.js';
import { useLiveApp } from '../support/adapters.js';
import { gate, guardSeen, SMALL_BODY_LIMIT, SMALL_MAX_IN_FLIGHT, WebSocketAppModule } from '../fixtures/websocket.fixture.js';
import { sleep, until } from '../support/until.js';
import { WsPeer } from '../support/ws-peer.js';

const call = (fn: string, data?: unknown) => ({ weerpc: 1.1, function: fn, data });
const ok = (data: unknown, message: string | null = null) => ({ weerpc: 1.1, ok: true, message, data });
const fail = (message: string, data: unknown = null) => ({ weerpc: 1.1, ok: false, message, data });

describe.each(ADAPTERS)('WebSocket endpoints (%s)', adapter => {
  const live = useLiveApp(adapter, WebSocketAppModule);
  const url = (path = '/rpc') => `ws://127.0.0.1:${live.port}${path}`;
  const peers: WsPeer[] = [];
  const open = async (path?: string, headers?: Record<string, string>) => {
    const peer = await WsPeer.open(url(path), headers);
    peers.push(peer);
    return peer;
  };
  afterEach(async () => {
    gate.release();
    await Promise.all(
      peers
        .splice(0)
        .filter(peer => peer.socket.readyState === peer.socket.OPEN)
        .map(peer => peer.close()),
    );
  });
  beforeEach(() => gate.reset());

  it('answers weeRPC calls with the same bodies as HTTP', async () => {
    const peer = await open();
    expect(await peer.call(call('add_numbers', [1, 2, 3]))).toEqual(ok(6));
    expect(await peer.call(call('nope'))).toEqual(fail('Invalid function.'));
    expect(await peer.call('not json')).toEqual(fail('Request must be JSON.'));
    expect(await peer.call({})).toEqual(fail('Request must not be empty.'));
    const overHttp = await request(live.app.getHttpServer())
      .post('/rpc')
      .send(call('add_numbers', [1, 2, 3]));
    expect(overHttp.body).toEqual(ok(6));
  });

  it('answers JSON-RPC 2.0 calls, batches and notifications', async () => {
    const peer = await open();
    expect(await peer.call({ jsonrpc: '2.0', method: 'add_numbers', params: [4, 5], id: 7 })).toEqual({ jsonrpc: '2.0', result: 9, id: 7 });
    peer.send({ jsonrpc: '2.0', method: 'echo', params: ['ignored'] }, false);
    const batch = await peer.call([
      { jsonrpc: '2.0', method: 'add_numbers', params: [1, 1], id: 'a' },
      { jsonrpc: '2.0', method: 'nope', id: 'b' },
      { jsonrpc: '2.0', method: 'echo', params: { x: 1 } },
      { jsonrpc: '2.0', method: 'echo', params: [3], id: 'c' },
    ]);
    expect(batch).toEqual([
      { jsonrpc: '2.0', result: 2, id: 'a' },
      { jsonrpc: '2.0', error: { code: -32601, message: 'Method not found' }, id: 'b' },
      { jsonrpc: '2.0', result: [3], id: 'c' },
    ]);
    expect(await peer.call({ jsonrpc: '2.0', method: 'echo', params: ['last'], id: 8 })).toEqual({ jsonrpc: '2.0', result: ['last'], id: 8 });
    expect(peer.answers).toHaveLength(3);
  });

  it('runs guards, pipes and filters per call, with the upgrade request as the request', async () => {
    guardSeen.length = 0;
    const peer = await open();
    expect(await peer.call(call('guarded', { deny: false }))).toEqual(ok('guarded ok'));
    expect(await peer.call(call('guarded', { deny: true }))).toEqual(fail('Forbidden resource'));
    expect(guardSeen).toEqual([
      { fn: 'guarded', hasRequest: true, protocol: 'weerpc/1.1' },
      { fn: 'guarded', hasRequest: true, protocol: 'weerpc/1.1' },
    ]);
    expect(await peer.call(call('counted', { count: 2 }))).toEqual(ok(4));
    const invalid = (await peer.call(call('counted', { count: 0 }))) as { message: string; data: string[] };
    expect(invalid).toEqual(fail('Invalid data.', ['count must not be less than 1']));
    expect(await peer.call(call('broken'))).toEqual(fail('Broken on purpose.'));
    const broken = { jsonrpc: '2.0', method: 'broken', id: 1 };
    const overHttp = await request(live.app.getHttpServer()).post('/rpc').send(broken);
    expect(overHttp.body).toMatchObject({ error: { code: -32003, message: 'Broken on purpose.' } });
    expect(await peer.call(broken)).toEqual(overHttp.body);
  });

  it('sends what an exception filter wrote to the response as the message, call after call, as HTTP answers it', async () => {
    const server = live.app.getHttpServer();
    const peer = await open();
    for (const fn of ['teapot', 'kettle']) {
      const overHttp = await request(server).post('/rpc').send(call(fn));
      expect(overHttp.status).toBe(418);
      expect(await peer.call(call(fn))).toEqual(overHttp.body);
      // A second call on the same socket gets its own response to write to.
      expect(await peer.call(call(fn))).toEqual(overHttp.body);
    }
    expect(await peer.call(call('teapot'))).toEqual({ teapot: 'Short and stout.', via: 'httpAdapter.reply' });
    expect(await peer.call(call('kettle'))).toEqual({ teapot: 'Whistles.', via: 'status().send()' });
    expect(await peer.call(call('echo', 'after'))).toEqual(ok('after'));
  });

  it('saves a session a call changed before answering it, so the next HTTP call with the cookie sees it', async () => {
    const server = live.app.getHttpServer();
    const login = await request(server).post('/rpc').send(call('login'));
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const peer = await open('/rpc', { Cookie: cookie });
    expect(await peer.call(call('remember', 'from the socket'))).toEqual(ok('from the socket'));
    const recalled = await request(server).post('/rpc').set('Cookie', cookie).send(call('recall'));
    expect(recalled.body).toEqual(ok('from the socket'));
    // A change made over HTTP meanwhile is not overwritten by a socket call that changed nothing.
    await request(server).post('/rpc').set('Cookie', cookie).send(call('remember', 'from HTTP'));
    expect(await peer.call(call('echo', 1))).toEqual(ok(1));
    expect((await request(server).post('/rpc').set('Cookie', cookie).send(call('recall'))).body).toEqual(ok('from HTTP'));
  });

  it('checks function session rules per call with the session of the upgrade request', async () => {
    const anonymous = await open();
    expect(await anonymous.call(call('secret'))).toEqual(fail('Unauthorized.'));
    const login = await request(live.app.getHttpServer()).post('/rpc').send(call('login'));
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const member = await open('/rpc', { Cookie: cookie });
    expect(await member.call(call('secret'))).toEqual(ok('secret'));
    expect(await member.call({ jsonrpc: '2.0', method: 'secret', id: 2 })).toEqual({ jsonrpc: '2.0', result: 'secret', id: 2 });
    expect(await anonymous.call(call('secret'))).toEqual(fail('Unauthorized.'));
  });

  it('refuses an upgrade that fails the endpoint session rule: close 1008 with the weeRPC message', async () => {
    const refused = await open('/rpc/locked');
    expect(await refused.closed).toEqual({ code: 1008, reason: 'Unauthorized.' });
    const login = await request(live.app.getHttpServer()).post('/rpc').send(call('login'));
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const member = await open('/rpc/locked', { Cookie: cookie });
    expect(await member.call(call('vault'))).toEqual(ok('vault'));
  });

  it('refuses an upgrade from a host not allowed, and one from a foreign origin', async () => {
    const wrongHost = await open('/ws/host');
    expect(await wrongHost.closed).toEqual({ code: 1008, reason: `Unauthorized (127.0.0.1:${live.port})` });
    const rightHost = await open('/ws/host', { Host: 'allowed.test:1234' });
    expect(await rightHost.call(call('here'))).toEqual(ok('here'));
    const foreign = await open('/rpc', { Origin: 'https://evil.test' });
    expect(await foreign.closed).toEqual({ code: 1008, reason: 'Origin not allowed.' });
    const sameOrigin = await open('/rpc', { Origin: `http://127.0.0.1:${live.port}` });
    expect(await sameOrigin.call(call('echo', 1))).toEqual(ok(1));
  });

  it('answers 1 000 concurrent calls on 10 sockets, each with its own answer, in order', async () => {
    const sockets = await Promise.all(Array.from({ length: 10 }, () => open()));
    const results = await Promise.all(
      sockets.map(async (peer, socketIndex) => {
        const answers = await Promise.all(
          Array.from({ length: 100 }, (_, i) => peer.call(call('delayed', { id: socketIndex * 1000 + i, ms: (i * 7) % 5 }))),
        );
        return answers.map(answer => (answer as { data: number }).data);
      }),
    );
    results.forEach((ids, socketIndex) => expect(ids).toEqual(Array.from({ length: 100 }, (_, i) => socketIndex * 1000 + i)));
  });

  it('closes a socket whose message is over bodyLimit with 1009', async () => {
    const peer = await open('/rpc/small');
    expect(await peer.call(call('small_echo', 'x'.repeat(100)))).toEqual(ok('x'.repeat(100)));
    peer.send(call('small_echo', 'x'.repeat(SMALL_BODY_LIMIT)), false);
    expect((await peer.closed).code).toBe(1009);
  });

  it('stops reading a socket beyond maxInFlight and answers every held call once places free, refusing none', async () => {
    const peer = await open('/rpc/small');
    for (let i = 0; i < SMALL_MAX_IN_FLIGHT; i++) {
      peer.send(call('small_wait', i));
    }
    for (let i = 0; i < 20; i++) {
      peer.send(i % 2 === 0 ? call('small_echo', i) : { jsonrpc: '2.0', method: 'small_echo', params: [i], id: i });
    }
    await until(() => gate.waiting === SMALL_MAX_IN_FLIGHT);
    // The calls behind the limit wait (held or in TCP), unanswered: no refusal comes.
    await sleep(100);
    expect(peer.answers).toEqual([]);
    gate.release();
    const answers = await peer.until(SMALL_MAX_IN_FLIGHT + 20);
    const weeRpc = answers.filter(answer => 'weerpc' in (answer as object));
    const jsonRpc = answers.filter(answer => 'jsonrpc' in (answer as object));
    expect(weeRpc).toEqual([...Array.from({ length: SMALL_MAX_IN_FLIGHT }, (_, i) => ok(i)), ...Array.from({ length: 10 }, (_, i) => ok(i * 2))]);
    expect(jsonRpc).toHaveLength(10);
    expect(jsonRpc).toEqual(expect.arrayContaining(Array.from({ length: 10 }, (_, i) => ({ jsonrpc: '2.0', result: [i * 2 + 1], id: i * 2 + 1 }))));
    expect(await peer.call(call('small_echo', 'after'))).toEqual(ok('after'));
  });

  it('answers 1 000 calls sent at once on a socket of maxInFlight 4: every result, none refused', async () => {
    const peer = await open('/rpc/small');
    const count = 1000;
    // Sent in one go: the server reads them in a few chunks, far beyond its 4 places.
    for (let i = 0; i < count; i++) {
      peer.send(i % 2 === 0 ? call('small_echo', i) : { jsonrpc: '2.0', method: 'small_echo', params: [i], id: i });
    }
    const answers = (await peer.until(count)) as Record<string, unknown>[];
    expect(answers.filter(answer => answer.ok === false || answer.error !== undefined)).toEqual([]);
    const weeRpcData = answers.filter(answer => 'weerpc' in answer).map(answer => answer.data);
    expect(weeRpcData).toEqual(Array.from({ length: count / 2 }, (_, i) => i * 2));
    const ids = answers.filter(answer => 'jsonrpc' in answer).map(answer => answer.id as number);
    expect(ids.sort((a, b) => a - b)).toEqual(Array.from({ length: count / 2 }, (_, i) => i * 2 + 1));
  });

  it('answers a fast JSON-RPC call while a slow one on the same socket still runs', async () => {
    const peer = await open();
    const arrived: unknown[] = [];
    peer.socket.on('message', (data: Buffer) => arrived.push(JSON.parse(data.toString())));
    peer.send({ jsonrpc: '2.0', method: 'wait', params: ['slow'], id: 1 });
    await until(() => gate.waiting === 1);
    peer.send({ jsonrpc: '2.0', method: 'echo', params: ['fast'], id: 2 });
    await until(() => arrived.length === 1);
    expect(arrived).toEqual([{ jsonrpc: '2.0', result: ['fast'], id: 2 }]);
    gate.release();
    await until(() => arrived.length === 2);
    expect(arrived[1]).toEqual({ jsonrpc: '2.0', result: ['slow'], id: 1 });
  });

  it('stops 20 weeRPC streams with 20 cancels: the socket is free again within a second', async () => {
    const peer = await open();
    const streams = 20;
    // Each stream would last 2 s: sent one after the other, 40 s.
    for (let i = 0; i < streams; i++) {
      peer.send({ ...call('ticking', { n: 40, every: 50 }), stream: true });
    }
    await until(() => peer.answers.length > 0);
    const cancelled = Date.now();
    for (let i = 0; i < streams; i++) {
      peer.socket.send(JSON.stringify({ weerpc: 1.1, cancel: true }));
    }
    peer.socket.send(JSON.stringify(call('echo', 'free')));
    await until(() => peer.answers.some(answer => (answer as { data?: unknown }).data === 'free'), 10_000);
    expect(Date.now() - cancelled).toBeLessThan(1000);
    const finals = peer.answers.filter(answer => (answer as { stream?: string }).stream === undefined);
    expect(finals).toEqual([...Array.from({ length: streams }, () => ok(null)), ok('free')]);
  });

  it('answers a plain GET on the WebSocket path with 426 and leaves other routes alone', async () => {
    const plain = await request(live.app.getHttpServer()).get('/rpc');
    expect(plain.status).toBe(426);
    expect(plain.text).toBe('This path takes WebSocket connections.');
    await expect(WsPeer.open(url('/nowhere'))).rejects.toThrow('HTTP 404');
  });
});
