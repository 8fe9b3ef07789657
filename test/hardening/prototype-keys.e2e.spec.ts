import type { INestApplication } from '@nestjs/common';
import { HostileAppModule } from '../fixtures/hostile.fixture.js';
import { createAdapterApp, HTTP_ADAPTERS, portOf } from '../support/adapters.js';
import { callText, post } from '../support/post.js';
import { expectWeeRpcAnswer } from '../support/weerpc-answer.js';

const PROTOTYPES = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype };
const namesOf = () => Object.fromEntries(Object.entries(PROTOTYPES).map(([name, proto]) => [name, Reflect.ownKeys(proto).map(String).sort()]));

/** Poison aimed at every object the data can reach: as JSON text, so `__proto__` stays an own key. */
const POISON = '{"__proto__":{"polluted":true,"isAdmin":true,"x":"evil"},"constructor":{"prototype":{"polluted":true}}}';
const withPoison = (fields: string) => `{${fields},${POISON.slice(1, -1)}}`;

describe.each(HTTP_ADAPTERS)('__proto__ and constructor keys (%s)', adapter => {
  let app: INestApplication;
  let port: number;
  const prototypeNamesBefore = namesOf();
  const rpc = async (fn: string, data?: string, cookie?: string) => {
    const exchange = await post(port, '/rpc', callText(fn, data), { headers: cookie ? { Cookie: cookie } : {} });
    return { answer: expectWeeRpcAnswer(exchange), setCookie: exchange.headers['set-cookie'] };
  };

  beforeAll(async () => {
    app = await createAdapterApp(adapter, HostileAppModule);
    port = portOf(app);
  });
  afterAll(async () => {
    await app.close();
    // Nothing anywhere in the process picked up a key from the poison.
    expect(namesOf()).toEqual(prototypeNamesBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('reach the function as plain own keys and come back unchanged', async () => {
    const { answer } = await rpc('echo', POISON);
    expect(JSON.stringify(answer.data)).toBe(POISON);
  });

  it('in the envelope, lend the call nothing', async () => {
    const hidden = expectWeeRpcAnswer(await post(port, '/rpc', '{"weerpc":1.1,"function":"echo","__proto__":{"data":"injected"}}'));
    expect(hidden).toMatchObject({ ok: true, data: null });
    const all = expectWeeRpcAnswer(await post(port, '/rpc', '{"__proto__":{"weerpc":1.1,"function":"echo","data":1}}'));
    expect(all).toMatchObject({ ok: false, message: 'Invalid weerpc version.' });
  });

  it('never satisfy @RpcData(property) through the prototype', async () => {
    const { answer } = await rpc('role', '{"__proto__":{"role":"admin"}}');
    expect(answer.data).toEqual({ role: null, constructor: 'undefined' });
    const own = await rpc('role', '{"role":"user","constructor":"c"}');
    expect(own.answer.data).toEqual({ role: 'user', constructor: 'string' });
  });

  it('leave a validated DTO (ValidationPipe, transform: true) an instance of its class', async () => {
    const { answer } = await rpc('point', withPoison('"x":1,"y":2'));
    expect(answer).toMatchObject({ ok: true });
    expect(answer.data).toMatchObject({ isPoint: true, prototypeIsPoint: true, x: 1, y: 2 });
    expect((answer.data as { ownKeys: string[] }).ownKeys).not.toContain('__proto__');
  });

  it('cannot pass validation with values only the prototype holds', async () => {
    const { answer } = await rpc('point', '{"__proto__":{"x":1,"y":2}}');
    expect(answer).toMatchObject({ ok: false, message: 'Invalid data.' });
  });

  it('stored in the session, leave the session and later requests untouched', async () => {
    const first = await rpc('remember', POISON);
    expect(first.answer.ok).toBe(true);
    const cookie = String(first.setCookie).split(';')[0];
    expect(cookie).toMatch(/=/);
    const { answer } = await rpc('inspectSession', undefined, cookie);
    const report = answer.data as { prototype: string; ownKeys: string[]; value: unknown };
    expect(report.prototype).not.toBe('Object');
    expect(report.ownKeys).not.toContain('polluted');
    expect(JSON.stringify(report.value)).toBe(POISON);
  });
});
