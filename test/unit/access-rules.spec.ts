import { checkAccess } from '../../lib/auth/access-rules.js';
import { RpcAuthSessionKey } from '../../lib/auth/rpc-auth-session-key.js';

describe('RpcAuthSessionKey', () => {
  const rule = new RpcAuthSessionKey('logged_in', [true]);

  it.each([
    [{ logged_in: true }, true],
    [{ logged_in: 1 }, false],
    [{ logged_in: 'true' }, false],
    [{}, false],
    [null, false],
    [undefined, false],
    ['logged_in', false],
  ])('%j → %s', (session, expected) => expect(rule.check(session)).toBe(expected));

  it('never reads inherited names', () => {
    expect(new RpcAuthSessionKey('constructor', [Object]).check({})).toBe(false);
    expect(new RpcAuthSessionKey('__proto__', [Object.prototype]).check({})).toBe(false);
  });

  it('reads Fastify-style sessions through get()', () => {
    const store = new Map<string, unknown>([['logged_in', true]]);
    expect(rule.check({ get: (key: string) => store.get(key) })).toBe(true);
    store.set('logged_in', false);
    expect(rule.check({ get: (key: string) => store.get(key) })).toBe(false);
  });
});

describe('checkAccess', () => {
  // An endpoint's rules and a function's, joined as the explorer joins a class's and a method's.
  const rules = {
    session: [new RpcAuthSessionKey('role', ['admin'])],
    hostLists: [['a.test'], ['a.test', 'b.test']],
  };

  it('checks sessions before hosts', () => {
    expect(checkAccess(rules, {}, 'evil.test')).toMatchObject({ kind: 'unauthorized', message: 'Unauthorized.' });
  });

  it('needs the host in every list', () => {
    expect(checkAccess(rules, { role: 'admin' }, 'b.test')).toMatchObject({ kind: 'unauthorized', message: 'Unauthorized (b.test)' });
    expect(checkAccess(rules, { role: 'admin' }, 'a.test')).toBeNull();
  });

  it('fails a missing host', () => {
    expect(checkAccess(rules, { role: 'admin' }, undefined)).toMatchObject({ kind: 'unauthorized', message: 'Unauthorized ()' });
  });
});
