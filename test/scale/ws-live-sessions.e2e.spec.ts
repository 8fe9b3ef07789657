import request from 'supertest';
import { startSample, tempDataDir, type RunningSample } from '../sample/sample-app.fixture.js';
import { ADAPTERS, call, failure } from '../support/create-app.js';
import { requireBinary } from '../support/external-binary.js';
import { REDIS_SERVER, RedisServer } from '../support/redis-server.js';
import { WsPeer } from '../support/ws-peer.js';

type StoreName = 'memory' | 'redis';

const hasRedis = requireBinary(REDIS_SERVER, 'redis-server');
const STORES: StoreName[] = hasRedis ? ['memory', 'redis'] : ['memory'];
const CASES = ADAPTERS.flatMap(adapter => STORES.map(store => [adapter, store] as const));

describe.each(CASES)('live sessions on a WebSocket (sample on %s, %s session store)', (adapter, store) => {
  let redis: RedisServer | undefined;
  let sample: RunningSample;
  const peers: WsPeer[] = [];

  beforeAll(async () => {
    redis = store === 'redis' ? await RedisServer.start() : undefined;
    sample = await startSample(tempDataDir(), { adapter, sessionStore: store, redisUrl: redis?.url });
  }, 30_000);
  afterAll(async () => {
    await Promise.all(peers.map(peer => (peer.socket.readyState === peer.socket.OPEN ? peer.close() : Promise.resolve())));
    await sample?.close();
    await redis?.stop();
  });

  const login = async (username: string) => {
    const answer = await request(sample.url).post('/rpc/auth/login').send(call('login', { username }));
    expect(answer.body).toMatchObject({ ok: true });
    return (answer.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
  };
  const open = async (path: string, cookie: string) => {
    const peer = await WsPeer.open(`${sample.url.replace('http', 'ws')}${path}`, { Cookie: cookie });
    peers.push(peer);
    return peer;
  };

  it("refuses the socket's next call once the session was logged out over HTTP: function and endpoint rules", async () => {
    const cookie = await login('ada');
    const tester = await open('/rpc', cookie);
    const clients = await open('/rpc/clients', cookie);
    expect(await tester.call(call('add_string_auth_session', 'Ada'))).toMatchObject({ ok: true });
    expect(await clients.call(call('list'))).toMatchObject({ ok: true });
    const logout = await request(sample.url).post('/rpc/auth').set('Cookie', cookie).send(call('logout'));
    expect(logout.body).toMatchObject({ ok: true, message: 'Logged out.' });
    expect(await tester.call(call('add_string_auth_session', 'Ada'))).toEqual(failure('Unauthorized.'));
    expect(await tester.call({ jsonrpc: '2.0', method: 'add_string_auth_session', params: ['Ada'], id: 1 })).toMatchObject({
      error: { code: -32002, message: 'Unauthorized.' },
      id: 1,
    });
    expect(await clients.call(call('list'))).toEqual(failure('Unauthorized.'));
    // Functions without a rule still answer on the same socket.
    expect(await tester.call(call('add_string', 'Ada'))).toMatchObject({ ok: true });
  });

  it('sees a login over HTTP on an open socket too, and a login made over the socket at its next call', async () => {
    const cookie = await login('grace');
    const tester = await open('/rpc', cookie);
    await request(sample.url).post('/rpc/auth').set('Cookie', cookie).send(call('logout'));
    expect(await tester.call(call('add_string_auth_session', 'Grace'))).toEqual(failure('Unauthorized.'));
    // Logging in again over HTTP makes a new session (a new cookie): the socket keeps the old, logged-out one.
    const again = await login('grace');
    expect(again).not.toBe(cookie);
    expect(await tester.call(call('add_string_auth_session', 'Grace'))).toEqual(failure('Unauthorized.'));
    const fresh = await open('/rpc', again);
    expect(await fresh.call(call('add_string_auth_session', 'Grace'))).toMatchObject({ ok: true });
  });
});
