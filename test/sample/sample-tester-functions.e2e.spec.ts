import { createWeeRpcClient } from 'nestjs-weerpc/client';
import request from 'supertest';
import type { TesterApi } from '../../sample/api.js';
import { sampleHosts } from '../../sample/sample.config.js';
import { startSample, type RunningSample } from './sample-app.fixture.js';
import { ADAPTERS, call, failure, success } from '../support/create-app.js';

describe.each(ADAPTERS)('sample on %s: the tester functions on the root endpoint /rpc', adapter => {
  let sample: RunningSample;
  const rpc = (fn: string, data?: unknown) =>
    request(sample.url)
      .post('/rpc')
      .send(call(fn, data))
      .then(res => res.body);
  beforeAll(async () => {
    sample = await startSample(undefined, { adapter });
  });
  afterAll(() => sample.close());

  it('add_numbers sums a list of numbers', async () => {
    expect(await rpc('add_numbers', [1, 2, 3])).toEqual(success(6, "Function 'add_numbers' executed successfully"));
    expect(await rpc('add_numbers', [])).toEqual(success(0, "Function 'add_numbers' executed successfully"));
    expect(await rpc('add_numbers', [1, '2'])).toEqual(failure('Invalid data type.', { expected: 'a list of numbers' }));
    expect(await rpc('add_numbers', 'x')).toEqual(failure('Invalid data type.', { expected: 'a list of numbers' }));
  });

  it('add_string greets', async () => {
    expect(await rpc('add_string', 'Ada')).toEqual(success('Hello Ada!', "Function 'add_string' executed successfully"));
    expect(await rpc('add_string', 5)).toEqual(failure('Invalid data type.', { expected: 'a string' }));
  });

  it('add_string_auth_session needs a logged-in session', async () => {
    expect(await rpc('add_string_auth_session', 'Ada')).toEqual(failure('Unauthorized.'));
    const agent = request.agent(sample.url);
    await agent.post('/rpc/auth/login').send(call('login', { username: 'ada' }));
    const res = await agent.post('/rpc').send(call('add_string_auth_session', 'Ada'));
    expect(res.body).toEqual(success('Hello Ada!', "Function 'add_string_auth_session' executed successfully"));
  });

  it('add_string_auth_host answers only to localhost:PORT and 127.0.0.1:PORT', async () => {
    const host = new URL(sample.url).host; // 127.0.0.1:<a free port>, not the sample's configured port
    expect(await rpc('add_string_auth_host', 'Ada')).toEqual(failure(`Unauthorized (${host})`));
    for (const allowed of sampleHosts()) {
      const res = await request(sample.url).post('/rpc').set('Host', allowed).send(call('add_string_auth_host', 'Ada'));
      expect(res.body).toEqual(success('Hello Ada!', "Function 'add_string_auth_host' executed successfully"));
    }
  });

  it('count_to streams 1..n as events, or answers them in one array to a plain call', async () => {
    expect(await rpc('count_to', { n: 3, delay: 0 })).toEqual(success([1, 2, 3]));
    expect(await rpc('count_to', { n: 0 })).toEqual(failure('count_to takes { n: 1..100, delay?: 0..5000 ms }.'));
    const streamed = createWeeRpcClient<TesterApi>({ url: `${sample.url}/rpc` }).stream('count_to', { n: 3, delay: 10 });
    const items: number[] = [];
    for await (const item of streamed) items.push(item);
    expect(items).toEqual([1, 2, 3]);
  });

  it('knows no other function', async () => {
    expect(await rpc('login', { username: 'ada' })).toEqual(failure('Invalid function.'));
    expect(await rpc('list')).toEqual(failure('Invalid function.'));
  });
});
