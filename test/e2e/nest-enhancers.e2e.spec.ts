import type { INestApplication } from '@nestjs/common';
import { RpcHttpRequest, RpcRequest } from 'nestjs-weerpc';
import request from 'supertest';
import { EnhancersAppModule, seen } from '../fixtures/enhancers.fixture.js';
import { ADAPTERS, call, createTestApp, failure, success } from '../support/create-app.js';

it('keeps @RpcRequest() as a deprecated alias of @RpcHttpRequest()', () => {
  expect(RpcRequest).toBe(RpcHttpRequest);
});

describe.each(ADAPTERS)('guards, interceptors, pipes and filters on RPC functions (%s)', adapter => {
  let app: INestApplication;
  const post = (body: object, headers: Record<string, string> = {}) => request(app.getHttpServer()).post('/rpc').set(headers).send(body);

  beforeAll(async () => {
    app = await createTestApp(EnhancersAppModule, { adapter });
  });
  afterAll(() => app.close());
  beforeEach(() => {
    seen.guard.length = 0;
    seen.interceptor.length = 0;
    seen.rpc.length = 0;
  });

  it('runs global guards and interceptors exactly once per call, around the RPC method', async () => {
    expect((await post(call('plain', 1))).body).toEqual(success({ class: 1 }));
    expect(seen.guard).toEqual(['EnhancedService#plain']);
    expect(seen.interceptor).toEqual(['plain']);
  });

  it('does not run function enhancers for calls that fail before the function', async () => {
    await post(call('nope'));
    await request(app.getHttpServer()).post('/rpc').set('Content-Type', 'text/plain').send('x');
    expect(seen.guard).toEqual([]);
  });

  it('gives guards the RPC details through getRpcContext()', async () => {
    await post(call('plain', { a: 1 }));
    expect(seen.rpc).toEqual([{ functionName: 'plain', endpointPath: '/rpc', data: { a: 1 }, protocol: 'weerpc/1.1' }]);
  });

  it('answers a denying guard with Forbidden resource', async () => {
    expect((await post(call('denied'))).body).toEqual(failure('Forbidden resource'));
  });

  it("answers a guard's exception with its message", async () => {
    expect((await post(call('whoami'))).body).toEqual(failure('Invalid token.'));
  });

  it('lets a passport-style guard set req.user for the function and custom param decorators', async () => {
    const res = await post(call('whoami'), { Authorization: 'Bearer valid-token' });
    expect(res.body).toEqual(success({ class: { fromRequest: { id: 42, name: 'Ada' }, fromDecorator: { id: 42, name: 'Ada' } } }));
  });

  it('lets a global roles guard read @Roles() on the RPC method', async () => {
    expect((await post(call('admin'))).body).toEqual(failure('Forbidden resource'));
    expect((await post(call('admin'), { 'X-Role': 'user' })).body).toEqual(failure('Forbidden resource'));
    expect((await post(call('admin'), { 'X-Role': 'admin' })).body).toEqual(success({ class: 'admin area' }));
  });

  it('runs class interceptors outside method interceptors, as Nest does', async () => {
    expect((await post(call('tagged'))).body).toEqual(success({ class: { method: 'value' } }));
  });

  it('runs parameter pipes and answers their exception', async () => {
    expect((await post(call('double', { n: '21' }))).body).toEqual(success({ class: 42 }));
    expect((await post(call('double', { n: 'abc' }))).body).toEqual(failure('Validation failed (numeric string is expected)'));
  });

  it("uses an exception filter's return value as the outcome", async () => {
    expect((await post(call('missing', 7))).body).toEqual(failure('Filtered: Client 7 not found', { code: 404 }));
  });

  it('leaves the answer to a filter that writes the response itself', async () => {
    const res = await post(call('conflict'));
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ custom: 'Taken.' });
  });

  it('validates a DTO: Invalid data. with the constraint messages', async () => {
    const res = await post(call('create', { name: '', email: 'nope' }));
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.message).toBe('Invalid data.');
    expect(res.body.data).toEqual(expect.arrayContaining(['name must be longer than or equal to 1 characters', 'email must be an email']));
  });

  it('transforms valid data into a DTO instance', async () => {
    const res = await post(call('create', { name: 'Ada', email: 'ada@example.com' }));
    expect(res.body).toEqual(success({ class: { isDto: true, described: 'Ada <ada@example.com>' } }));
  });

  it('keeps the message of a plain BadRequestException', async () => {
    expect((await post(call('reject'))).body).toEqual(failure('Plain bad request.'));
  });
});
