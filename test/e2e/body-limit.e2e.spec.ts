import type { INestApplication } from '@nestjs/common';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toolsApp } from '../fixtures/tools.fixture.js';
import { ADAPTERS, call, createTestApp, failure, success } from '../support/create-app.js';
import { rawPost } from '../support/raw-http.js';

/** Sends `body` in chunks without Content-Length (Transfer-Encoding: chunked). */
function chunkedPost(app: INestApplication, body: Buffer, chunkSize = 16 * 1024) {
  const { port } = app.getHttpServer().address() as AddressInfo;
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/rpc', method: 'POST', headers: { 'Content-Type': 'application/json' } }, res => {
      let text = '';
      res.on('data', chunk => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    for (let offset = 0; offset < body.length; offset += chunkSize) {
      req.write(body.subarray(offset, offset + chunkSize));
    }
    req.end();
  });
}

const echoOf = (size: number) => Buffer.from(JSON.stringify(call('echo', 'x'.repeat(size))));

describe.each(ADAPTERS)('body size limit on %s', adapter => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp(toolsApp({ bodyLimit: 64 * 1024 }), { adapter });
  });
  afterAll(() => app.close());

  it('serves a body at the limit', async () => {
    const body = echoOf(60 * 1024);
    const res = await rawPost(app, '/rpc', body, { 'Content-Type': 'application/json' });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual(success('x'.repeat(60 * 1024)));
  });

  it('answers 413 to a Content-Length body over the limit', async () => {
    const res = await rawPost(app, '/rpc', echoOf(100 * 1024), { 'Content-Type': 'application/json' });
    expect(res.status).toBe(413);
    expect(res.json()).toEqual(failure('Request too large.'));
  });

  it('answers 413 to a chunked body over the limit', async () => {
    const res = await chunkedPost(app, echoOf(200 * 1024));
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text)).toEqual(failure('Request too large.'));
  });

  it('serves a chunked body under the limit', async () => {
    const res = await chunkedPost(app, echoOf(50 * 1024), 1000);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual(success('x'.repeat(50 * 1024)));
  });

  it('answers 413 to a body far over the limit, announced or not, and keeps serving', async () => {
    const huge = echoOf(2 * 1024 * 1024);
    // Either the 413 arrives or the connection is closed under a client still sending.
    const outcome = (res: { status: number } | Error) => (res instanceof Error ? 'closed' : res.status);
    const announced = await rawPost(app, '/rpc', huge, { 'Content-Type': 'application/json' }).catch((error: Error) => error);
    expect([413, 'closed']).toContain(outcome(announced));
    const chunked = await chunkedPost(app, huge).catch((error: Error) => error);
    expect([413, 'closed']).toContain(outcome(chunked));
    const after = await rawPost(app, '/rpc', JSON.stringify(call('echo', 1)), { 'Content-Type': 'application/json' });
    expect(after.json()).toEqual(success(1));
  });
});

describe.each(ADAPTERS)("the app's own body parser on %s", adapter => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp(toolsApp(), { adapter });
  });
  afterAll(() => app.close());

  it('never sees the endpoint: a 200 kB body (over its 100 kB default) is served', async () => {
    const res = await rawPost(app, '/rpc', echoOf(200 * 1024), { 'Content-Type': 'application/json' });
    expect(res.status).toBe(200);
    expect((res.json() as { data: string }).data).toHaveLength(200 * 1024);
  });

  it('still answers 413 over the default 1 MiB limit', async () => {
    const res = await rawPost(app, '/rpc', echoOf(1024 * 1024 + 10), { 'Content-Type': 'application/json' });
    expect(res.status).toBe(413);
    expect(res.json()).toEqual(failure('Request too large.'));
  });
});
