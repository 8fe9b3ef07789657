import { randomUUID } from 'node:crypto';
import { HostileAppModule, HostileService } from '../fixtures/hostile.fixture.js';
import { HTTP_ADAPTERS, useLiveApp } from '../support/adapters.js';
import { callText, post } from '../support/post.js';
import { expectWeeRpcAnswer } from '../support/weerpc-answer.js';

const CALLS = 1000;

describe.each(HTTP_ADAPTERS)('1 000 concurrent calls with their own sessions (%s)', adapter => {
  const live = useLiveApp(adapter, HostileAppModule);

  const rpc = async (fn: string, data: unknown, cookie?: string) => {
    const exchange = await post(live.port, '/rpc', callText(fn, JSON.stringify(data)), {
      headers: cookie ? { Cookie: cookie } : {},
      timeoutMs: 60_000,
    });
    return { answer: expectWeeRpcAnswer(exchange), cookie: exchange.headers['set-cookie']?.split(';')[0] };
  };

  it('each gets exactly its own answer and its own session, with no cross-talk', async () => {
    const tokens = Array.from({ length: CALLS }, (_, index) => ({ index, token: randomUUID() }));

    const service = live.app.get(HostileService);
    // Round 1: every call opens a session of its own and stores its token in it; all 1 000 wait
    // inside the function until the last one has arrived.
    service.gatherSize = CALLS;
    const opened = await Promise.all(tokens.map(value => rpc('gather', value)));
    opened.forEach(({ answer, cookie }, index) => {
      expect(answer).toMatchObject({ ok: true, data: { data: tokens[index], session: tokens[index] } });
      expect(cookie).toBeDefined();
    });
    expect(new Set(opened.map(({ cookie }) => cookie)).size).toBe(CALLS);
    expect(service.maxInFlight).toBe(CALLS);

    // Round 2, all at once again: odd sessions read back their token, even ones replace it.
    service.gatherSize = CALLS / 2;
    const replaced = tokens.map(({ index }) => ({ index, token: randomUUID() }));
    const second = await Promise.all(
      opened.map(({ cookie }, index) => (index % 2 === 1 ? rpc('recall', null, cookie) : rpc('gather', replaced[index], cookie))),
    );
    second.forEach(({ answer }, index) => {
      expect(answer.data).toEqual(index % 2 === 1 ? tokens[index] : { data: replaced[index], session: replaced[index] });
    });

    // Round 3: every session holds what its own calls put there.
    const third = await Promise.all(opened.map(({ cookie }) => rpc('recall', null, cookie)));
    third.forEach(({ answer }, index) => {
      expect(answer.data).toEqual(index % 2 === 1 ? tokens[index] : replaced[index]);
    });
  }, 120_000);
});
