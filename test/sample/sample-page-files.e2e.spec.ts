import request from 'supertest';
import { runSampleCalls } from '../../sample/scripts/sample-calls.js';
import { startSample, type RunningSample } from './sample-app.fixture.js';
import { ADAPTERS } from '../support/create-app.js';

describe.each(ADAPTERS)('sample on %s: the page, its files and the typed Node client', adapter => {
  let sample: RunningSample;
  beforeAll(async () => {
    sample = await startSample(undefined, { adapter });
  });
  afterAll(() => sample.close());

  it('serves the page at / with its module script', async () => {
    const res = await request(sample.url).get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<script type="module" src="/page.js"></script>');
    const script = await request(sample.url).get('/page.js');
    expect(script.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(script.text).toContain("from '/client/index.js'");
    expect((await request(sample.url).get('/page.css')).headers['content-type']).toMatch(/^text\/css/);
  });

  it('serves the built browser client under /client/ (run `npm run build` first)', async () => {
    for (const file of ['index.js', 'weerpc-client.js', 'rpc-request.js']) {
      const res = await request(sample.url).get(`/client/${file}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    }
    expect((await request(sample.url).get('/client/index.js')).text).toMatch(/export \{[^}]*createWeeRpcClient/);
  });

  it('does not serve the rest of the package or the data folder', async () => {
    for (const path of ['/sample.config.ts', '/data/weerpc-sample.sqlite', '/package.json']) {
      expect((await request(sample.url).get(path)).status).toBe(404);
    }
    // A path that climbs out of a static folder: express.static falls through to a 404, @fastify/static refuses with a 403.
    expect((await request(sample.url).get('/client/../index.js')).status).toBe(adapter === 'express' ? 404 : 403);
  });

  it('call-sample: the typed client logs in, creates, lists, logs out, and is refused afterwards', async () => {
    const lines: string[] = [];
    const result = await runSampleCalls(sample.url, line => lines.push(line));
    expect(result.sum.data).toBe(6);
    expect(result.created).toMatchObject({ ok: true, data: { name: 'Made by call-sample' } });
    expect(result.listed.data).toContainEqual(result.created.data);
    expect(result.refusedAfterLogout).toEqual({ ok: false, message: 'Unauthorized.', data: null });
    expect(lines).toEqual([
      'add_numbers [1, 2, 3] -> 6',
      'login -> Logged in as script.',
      `create -> Client ${result.created.data!.client_id} created. (client_id ${result.created.data!.client_id})`,
      expect.stringMatching(/^list -> .*Made by call-sample/),
      'logout -> Logged out.',
      'list after logout -> ok: false, Unauthorized.',
    ]);
  });
});
