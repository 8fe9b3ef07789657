import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { toolsApp } from '../fixtures/tools.fixture.js';
import { ADAPTERS, createTestApp } from '../support/create-app.js';

/** The raw answer text of a JSON-RPC body sent as text (ids must be compared as bytes, not parsed). */
const postText = async (app: INestApplication, body: string) => {
  const res = await request(app.getHttpServer())
    .post('/rpc')
    .set('Content-Type', 'application/json')
    .buffer(true)
    .parse((response, done) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => done(null, text));
    })
    .send(body);
  return { status: res.status, text: res.body as string };
};

const HUGE = '1' + '0'.repeat(400); // JSON.parse reads it as Infinity

describe.each(ADAPTERS)('JSON-RPC ids beyond 2^53 (%s)', adapter => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp(toolsApp({ protocols: ['jsonrpc/2.0'] }), { adapter });
  });
  afterAll(() => app.close());

  it.each([['9007199254740993'], ['-9007199254740993'], ['12345678901234567890'], [HUGE], [`-${HUGE}`], ['9007199254740992']])(
    'echoes the id %s byte for byte',
    async id => {
      const answer = await postText(app, `{"jsonrpc":"2.0","method":"echo","params":[1],"id":${id}}`);
      expect(answer).toEqual({ status: 200, text: `{"jsonrpc":"2.0","result":[1],"id":${id}}` });
    },
  );

  it('echoes it in errors, in batches (each element its own) and when the id comes first or repeats', async () => {
    const missing = await postText(app, '{"jsonrpc":"2.0","method":"nope","id":12345678901234567891}');
    expect(missing.text).toBe('{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found"},"id":12345678901234567891}');
    const batch = await postText(
      app,
      '[{"jsonrpc":"2.0","method":"echo","params":["a"],"id":9007199254740993},' +
        '{"jsonrpc":"2.0","method":"echo","params":{"id":1},"id":2},' +
        ' { "id" : -9007199254740995 , "jsonrpc":"2.0","method":"echo","params":["c"]},' +
        '{"jsonrpc":"2.0","method":"echo","params":["d"],"id":"x","id":98765432109876543210}]',
    );
    expect(batch.text).toBe(
      '[{"jsonrpc":"2.0","result":["a"],"id":9007199254740993},' +
        '{"jsonrpc":"2.0","result":{"id":1},"id":2},' +
        '{"jsonrpc":"2.0","result":["c"],"id":-9007199254740995},' +
        '{"jsonrpc":"2.0","result":["d"],"id":98765432109876543210}]',
    );
    const nested = await postText(app, '{"params":{"id":1},"jsonrpc":"2.0","\\u0069d":90071992547409931,"method":"echo"}');
    expect(nested.text).toBe('{"jsonrpc":"2.0","result":{"id":1},"id":90071992547409931}');
  });

  it.each([
    ['1.5', '1.5'],
    ['-0.25', '-0.25'],
    ['1e3', '1000'],
    ['2.5E2', '250'],
    ['1e300', '1e+300'],
    ['9007199254740993.5', '9007199254740994'],
    ['7', '7'],
  ])('reads the fractional or exponent id %s as JSON does, as before (%s)', async (sent, echoed) => {
    const answer = await postText(app, `{"jsonrpc":"2.0","method":"echo","params":[1],"id":${sent}}`);
    expect(answer.text).toBe(`{"jsonrpc":"2.0","result":[1],"id":${echoed}}`);
  });

  it('still refuses an exponent that overflows (not a plain integer) as an Invalid Request', async () => {
    const answer = await postText(app, '{"jsonrpc":"2.0","method":"echo","params":[1],"id":1e400}');
    expect(JSON.parse(answer.text)).toEqual({ jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id: null });
  });
});
