import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { toolsApp } from '../fixtures/tools.fixture.js';
import { ADAPTERS, call, createTestApp, failure, success } from '../support/create-app.js';
import { rawPost } from '../support/raw-http.js';

const post = (app: INestApplication, body: string | object, contentType = 'application/json') =>
  request(app.getHttpServer())
    .post('/rpc')
    .set('Content-Type', contentType)
    .send(typeof body === 'string' ? body : JSON.stringify(body));

describe.each(ADAPTERS)('weeRPC 1.1 pipeline (docs/protocol.md) on %s', adapter => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp(toolsApp(), { adapter });
  });
  afterAll(() => app.close());

  it('answers the README exchange', async () => {
    const res = await post(app, call('add_numbers', [1, 2, 3]));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual(success(6, "Function 'add_numbers' executed successfully"));
  });

  describe('check 4: Content-Type must be JSON', () => {
    it.each(['text/plain', 'application/x-www-form-urlencoded', 'text/json', 'application/jsonx'])('refuses %s', async type => {
      const res = await post(app, call('add_numbers', [1]), type);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(failure('Request must be JSON.'));
    });

    it('refuses a request without Content-Type', async () => {
      const res = await rawPost(app, '/rpc', JSON.stringify(call('echo', 1)));
      expect(res.json()).toEqual(failure('Request must be JSON.'));
    });

    it.each(['APPLICATION/JSON', 'application/json; charset=utf-8', 'application/vnd.api+json', 'Application/Problem+JSON; q=1'])(
      'accepts %s',
      async type => {
        const res = await post(app, call('add_numbers', [2, 3]), type);
        expect(res.body).toEqual(success(5, "Function 'add_numbers' executed successfully"));
      },
    );
  });

  describe('check 5: the body must be UTF-8 JSON (differs: no HTML 400)', () => {
    it.each(['{"weerpc": 1.1, "function": ', 'not json', '{"a":1}}', "{'a': 1}"])('answers %j with a weeRPC body', async body => {
      const res = await post(app, body);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(failure('Request must be JSON.'));
    });

    it('refuses invalid UTF-8', async () => {
      const bytes = Buffer.concat([Buffer.from('{"weerpc":1.1,"function":"echo","data":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
      const res = await rawPost(app, '/rpc', bytes, { 'Content-Type': 'application/json' });
      expect(res.json()).toEqual(failure('Request must be JSON.'));
    });

    it('accepts a UTF-8 byte order mark, as the reference does', async () => {
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(call('echo', 'é')))]);
      const res = await rawPost(app, '/rpc', bytes, { 'Content-Type': 'application/json' });
      expect(res.json()).toEqual(success('é'));
    });

    it('refuses an empty body', async () => {
      const res = await post(app, '');
      expect(res.body).toEqual(failure('Request must be JSON.'));
    });
  });

  describe('check 6: the body must not be falsy', () => {
    it.each(['{}', '[]', 'null', 'false', '0', '""', '0.0'])('refuses %s', async body => {
      const res = await post(app, body);
      expect(res.body).toEqual(failure('Request must not be empty.'));
    });
  });

  describe('check 7: the body must be an object (differs: no 500)', () => {
    it.each(['"x"', '123', 'true', '[1]', '[{"weerpc":1.1,"function":"echo"}]'])('refuses %s', async body => {
      const res = await post(app, body);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(failure('Invalid request.'));
    });
  });

  describe('check 8: weerpc must be the number 1.1', () => {
    it.each(['"1.1"', '1', '1.0', '2', 'true', 'null', '1.11'])('refuses weerpc: %s', async version => {
      const res = await post(app, `{"weerpc": ${version}, "function": "echo", "data": 1}`);
      expect(res.body).toEqual(failure('Invalid weerpc version.'));
    });

    it('refuses a missing version', async () => {
      const res = await post(app, { function: 'echo', data: 1 });
      expect(res.body).toEqual(failure('Invalid weerpc version.'));
    });

    it.each(['1.10', '1.1e0', '11e-1'])('accepts %s, the same number', async version => {
      const res = await post(app, `{"weerpc": ${version}, "function": "echo", "data": 7}`);
      expect(res.body).toEqual(success(7));
    });
  });

  describe('check 9: function must be a string', () => {
    it.each(['1', 'null', '["echo"]', '{"name":"echo"}', 'true'])('refuses function: %s', async fn => {
      const res = await post(app, `{"weerpc": 1.1, "function": ${fn}, "data": 1}`);
      expect(res.body).toEqual(failure('Invalid request.'));
    });

    it('refuses a missing function', async () => {
      const res = await post(app, { weerpc: 1.1, data: 1 });
      expect(res.body).toEqual(failure('Invalid request.'));
    });
  });

  describe('check 10: function must be registered', () => {
    it.each(['', 'missing', 'ADD_NUMBERS', 'add_numbers ', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'add'])(
      'refuses %j',
      async fn => {
        const res = await post(app, call(fn, [1]));
        expect(res.body).toEqual(failure('Invalid function.'));
      },
    );
  });

  it('ignores unknown extra keys', async () => {
    const res = await post(app, { ...call('echo', 'x'), id: 4, extra: { a: 1 } });
    expect(res.body).toEqual(success('x'));
  });

  it('treats a missing data key as null (differs)', async () => {
    const res = await post(app, call('echo'));
    expect(res.body).toEqual(success(null));
  });

  describe('outcomes (check 13)', () => {
    it.each([0, false, '', [], {}, null, 'text', [1, 2], { a: { b: [1] } }])('keeps the plain value %j as data (differs)', async value => {
      const res = await post(app, call('echo', value));
      expect(res.body).toEqual(success(value));
    });

    it('sends an RpcResponse.fail as built', async () => {
      const res = await post(app, call('refuse'));
      expect(res.body).toEqual(failure('Nope.', { reason: 'testing' }));
    });

    it('turns undefined into Unsuccessful command execution.', async () => {
      const res = await post(app, call('nothing'));
      expect(res.body).toEqual(failure('Unsuccessful command execution.'));
    });

    it('keeps the message of a thrown HttpException', async () => {
      const res = await post(app, call('find_client', { id: 7 }));
      expect(res.status).toBe(200);
      expect(res.body).toEqual(failure('Client 7 not found'));
    });

    it('answers an unexpected exception with 500 and no detail (differs)', async () => {
      const res = await post(app, call('boom'));
      expect(res.status).toBe(500);
      expect(res.body).toEqual(failure('Internal server error.'));
      expect(res.text).not.toContain('secret');
      expect(res.text).not.toContain('at ');
    });

    it('answers an unserializable result with 500', async () => {
      const res = await post(app, call('unserializable'));
      expect(res.status).toBe(500);
      expect(res.body).toEqual(failure('Internal server error.'));
    });

    it('awaits promises; collects the items of an Observable (a stream, see streaming spec) into an array', async () => {
      expect((await post(app, call('later', { n: 1 }))).body).toEqual(success({ n: 1 }));
      expect((await post(app, call('stream', [3]))).body).toEqual(success([[3]]));
    });
  });

  describe('routing', () => {
    it('leaves other methods to the framework (JSON 404)', async () => {
      const res = await request(app.getHttpServer()).get('/rpc');
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/json/);
    });

    it('leaves other paths to the framework', async () => {
      const res = await request(app.getHttpServer()).post('/elsewhere').send(call('echo', 1));
      expect(res.status).toBe(404);
    });
  });
});

describe.each(ADAPTERS)('check 1: an endpoint without functions on %s', adapter => {
  it('answers No functions registered. before anything else', async () => {
    const { Module } = await import('@nestjs/common');
    const { WeeRpcModule } = await import('nestjs-weerpc');
    @Module({ imports: [WeeRpcModule.forRoot()] })
    class EmptyModule {}
    const app = await createTestApp(EmptyModule, { adapter });
    try {
      const res = await request(app.getHttpServer()).post('/rpc').set('Content-Type', 'text/plain').send('garbage');
      expect(res.body).toEqual(failure('No functions registered.'));
    } finally {
      await app.close();
    }
  });
});
