import { Inject, Injectable, Module, Scope, type CanActivate, type INestApplication } from '@nestjs/common';
import { APP_GUARD, REQUEST } from '@nestjs/core';
import request from 'supertest';
import { RpcFunction, WeeRpcModule } from 'nestjs-weerpc';
import { ADAPTERS, call, createTestApp, failure, success } from '../support/create-app.js';

let instances = 0;
let globalGuardCalls = 0;

@Injectable({ scope: Scope.REQUEST })
class RequestTracker {
  readonly id = ++instances;
  constructor(@Inject(REQUEST) private readonly request: { headers: Record<string, string> }) {}
  caller() {
    return this.request.headers['x-caller'];
  }
}

/** Request-scoped because it depends on a request-scoped provider. */
@Injectable()
class WhoService {
  constructor(private readonly tracker: RequestTracker) {}

  @RpcFunction()
  who(data: string) {
    return { caller: this.tracker.caller(), instance: this.tracker.id, data };
  }
}

class CountingGlobalGuard implements CanActivate {
  canActivate() {
    globalGuardCalls++;
    return true;
  }
}

@Module({ imports: [WeeRpcModule.forRoot()], providers: [RequestTracker, WhoService] })
class ScopedAppModule {}

describe.each(ADAPTERS)('request-scoped providers (%s)', adapter => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp(ScopedAppModule, { adapter, configure: a => void a.useGlobalGuards(new CountingGlobalGuard()) });
  });
  afterAll(() => app.close());

  it('resolves a fresh instance per request with @Inject(REQUEST) the real request', async () => {
    const first = await request(app.getHttpServer()).post('/rpc').set('X-Caller', 'alice').send(call('who', 1));
    const second = await request(app.getHttpServer()).post('/rpc').set('X-Caller', 'bob').send(call('who', 2));
    expect(first.body).toEqual(success({ caller: 'alice', instance: expect.any(Number), data: 1 }));
    expect(second.body).toEqual(success({ caller: 'bob', instance: expect.any(Number), data: 2 }));
    expect(second.body.data.instance).not.toBe(first.body.data.instance);
  });

  it('runs app.useGlobalGuards() guards once per call there too', async () => {
    globalGuardCalls = 0;
    await request(app.getHttpServer()).post('/rpc').send(call('who', 3));
    expect(globalGuardCalls).toBe(1);
  });

  it('keeps concurrent requests apart', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => request(app.getHttpServer()).post('/rpc').set('X-Caller', `c${i}`).send(call('who', i))),
    );
    answers.forEach((answer, i) => expect(answer.body.data).toMatchObject({ caller: `c${i}`, data: i }));
  });
});

/** A request-scoped global guard: it only exists per request, and must still guard static functions. */
@Injectable({ scope: Scope.REQUEST })
class TicketGuard implements CanActivate {
  constructor(@Inject(REQUEST) private readonly request: { headers: Record<string, string> }) {}
  canActivate() {
    return this.request.headers['x-ticket'] === 'valid';
  }
}

@Injectable()
class StaticService {
  @RpcFunction()
  hello() {
    return 'hello';
  }
}

@Module({
  imports: [WeeRpcModule.forRoot({ functions: { plain: () => 'plain' } })],
  providers: [StaticService, { provide: APP_GUARD, useClass: TicketGuard }],
})
class RequestGuardedAppModule {}

describe.each(ADAPTERS)('a request-scoped global guard (%s)', adapter => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp(RequestGuardedAppModule, { adapter });
  });
  afterAll(() => app.close());

  it.each(['hello', 'plain'])('guards the static function %s on every request', async fn => {
    const server = app.getHttpServer();
    expect((await request(server).post('/rpc').send(call(fn))).body).toEqual(failure('Forbidden resource'));
    expect((await request(server).post('/rpc').set('X-Ticket', 'valid').send(call(fn))).body).toEqual(success(fn));
  });
});
