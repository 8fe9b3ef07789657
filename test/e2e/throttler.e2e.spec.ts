import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { SkipThrottle, Throttle, ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import request from 'supertest';
import { RpcFunction, WeeRpcModule } from 'nestjs-weerpc';
import { ADAPTERS, call, createTestApp, failure, success } from '../support/create-app.js';

@Injectable()
class LimitedService {
  @RpcFunction()
  @Throttle({ default: { limit: 2, ttl: 60_000 } })
  scarce() {
    return 'ok';
  }

  @RpcFunction()
  @SkipThrottle()
  free() {
    return 'free';
  }

  @RpcFunction()
  normal() {
    return 'normal';
  }
}

@Module({
  imports: [WeeRpcModule.forRoot(), ThrottlerModule.forRoot([{ ttl: 60_000, limit: 5 }])],
  providers: [LimitedService, { provide: APP_GUARD, useClass: ThrottlerGuard }],
})
class ThrottledAppModule {}

describe.each(ADAPTERS)("@nestjs/throttler's global ThrottlerGuard on RPC functions (%s)", adapter => {
  let app: INestApplication;
  beforeEach(async () => {
    app = await createTestApp(ThrottledAppModule, { adapter });
  });
  afterEach(() => app.close());

  const post = (fn: string) => request(app.getHttpServer()).post('/rpc').send(call(fn));

  it("honours @Throttle() written on the function and answers the real exception's message", async () => {
    expect((await post('scarce')).body).toEqual(success('ok'));
    expect((await post('scarce')).body).toEqual(success('ok'));
    const third = await post('scarce');
    expect(third.status).toBe(200);
    expect(third.body).toEqual(failure('ThrottlerException: Too Many Requests'));
  });

  it('counts each function on its own (the guard sees the RPC method as the handler)', async () => {
    await post('scarce');
    await post('scarce');
    expect((await post('normal')).body).toEqual(success('normal'));
  });

  it('honours @SkipThrottle() on the function', async () => {
    for (let i = 0; i < 8; i++) {
      expect((await post('free')).body).toEqual(success('free'));
    }
  });

  it('applies the module default to other functions', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await post('normal')).body).toEqual(success('normal'));
    }
    expect((await post('normal')).body).toEqual(failure('ThrottlerException: Too Many Requests'));
  });
});
