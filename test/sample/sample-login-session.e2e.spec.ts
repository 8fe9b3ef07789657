import request from 'supertest';
import { startSample, type RunningSample } from './sample-app.fixture.js';
import { ADAPTERS, call, failure, success } from '../support/create-app.js';

/** The sample's session cookie from a response, or undefined. */
const sessionCookie = (res: request.Response) =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find(line => line.startsWith('weerpc.sid='));

describe.each(ADAPTERS)('sample on %s: login, session, logout', adapter => {
  let sample: RunningSample;
  beforeAll(async () => {
    sample = await startSample(undefined, { adapter });
  });
  afterAll(() => sample.close());

  it('refuses /rpc/auth without a login, before looking at the function', async () => {
    const agent = request.agent(sample.url);
    for (const fn of ['session', 'logout', 'no_such_function']) {
      const res = await agent.post('/rpc/auth').send(call(fn));
      expect(res.body).toEqual(failure('Unauthorized.'));
    }
  });

  it('validates the login data with the LoginDto', async () => {
    const res = await request(sample.url)
      .post('/rpc/auth/login')
      .send(call('login', { username: 'bad name!', admin: true }));
    expect(res.body).toEqual(
      failure('Invalid data.', ['property admin should not exist', 'username may only hold letters, digits, "_", "." and "-"']),
    );
    const missing = await request(sample.url).post('/rpc/auth/login').send(call('login'));
    expect(missing.body.message).toBe('Invalid data.');
    expect(missing.body.data).toEqual(expect.arrayContaining(['username must be a string']));
    expect(sessionCookie(missing)).toBeUndefined();
  });

  it('logs in with an httpOnly, SameSite=Lax cookie, shows the session, logs out', async () => {
    const agent = request.agent(sample.url);
    const login = await agent.post('/rpc/auth/login').send(call('login', { username: '  ada  ' }));
    expect(login.body).toEqual(success({ logged_in: true, username: 'ada' }, 'Logged in as ada.'));
    const cookie = sessionCookie(login)!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).not.toMatch(/; Secure/); // plain HTTP here; 'auto' adds Secure over HTTPS

    expect((await agent.post('/rpc/auth').send(call('session'))).body).toEqual(success({ logged_in: true, username: 'ada' }));

    const logout = await agent.post('/rpc/auth').send(call('logout'));
    expect(logout.body).toEqual(success(null, 'Logged out.'));
    expect(sessionCookie(logout)).toMatch(/^weerpc\.sid=;.*Expires=Thu, 01 Jan 1970/);

    // The old cookie, replayed, names a session the store no longer has.
    const replay = await request(sample.url).post('/rpc/auth').set('Cookie', cookie.split(';')[0]).send(call('session'));
    expect(replay.body).toEqual(failure('Unauthorized.'));
  });

  it('gives a new session id at login, so a planted id is worthless (session fixation)', async () => {
    const first = await request(sample.url)
      .post('/rpc/auth/login')
      .send(call('login', { username: 'mallory' }));
    const planted = sessionCookie(first)!.split(';')[0];
    const second = await request(sample.url)
      .post('/rpc/auth/login')
      .set('Cookie', planted)
      .send(call('login', { username: 'victim' }));
    const fresh = sessionCookie(second)!.split(';')[0];
    expect(fresh).not.toBe(planted);
    const withPlanted = await request(sample.url).post('/rpc/auth').set('Cookie', planted).send(call('session'));
    expect(withPlanted.body).toEqual(failure('Unauthorized.'));
    const withFresh = await request(sample.url).post('/rpc/auth').set('Cookie', fresh).send(call('session'));
    expect(withFresh.body).toEqual(success({ logged_in: true, username: 'victim' }));
  });
});
