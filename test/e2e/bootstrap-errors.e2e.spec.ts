import { Controller, Get, Injectable, Logger, Module } from '@nestjs/common';
import { jest } from '@jest/globals';
import request from 'supertest';
import { RpcFunction, RpcResponse, WeeRpcModule, type WeeRpcOptionsFactory } from 'nestjs-weerpc';
import { ADAPTERS, call, createTestApp, failure, initError, success } from '../support/create-app.js';
import { PingService } from '../fixtures/ping.fixture.js';

describe.each(ADAPTERS)('bootstrap on %s', adapter => {
  it('fails on two functions with one name, naming both places', async () => {
    @Injectable()
    class MathService {
      @RpcFunction('add')
      add() {
        return 1;
      }
    }
    @Injectable()
    class OtherMath {
      @RpcFunction()
      add() {
        return 2;
      }
    }
    @Module({ imports: [WeeRpcModule.forRoot()], providers: [MathService, OtherMath] })
    class DuplicateModule {}
    const error = await initError(DuplicateModule, adapter);
    expect(error.message).toBe("Duplicate RPC function 'add' on endpoint '/rpc': MathService#add and OtherMath#add.");
  });

  it('fails on a plain function whose name a method already took', async () => {
    @Injectable()
    class MathService {
      @RpcFunction()
      add() {
        return 1;
      }
    }
    @Module({ imports: [WeeRpcModule.forRoot({ functions: { add: () => 2 } })], providers: [MathService] })
    class DuplicateModule {}
    const error = await initError(DuplicateModule, adapter);
    expect(error.message).toBe("Duplicate RPC function 'add' on endpoint '/rpc': MathService#add and functions.add.");
  });

  it.each(['constructor', '__proto__', 'toString', ''])('refuses the reserved name %j', async name => {
    @Injectable()
    class Reserved {
      @RpcFunction(name)
      method() {
        return 1;
      }
    }
    @Module({ imports: [WeeRpcModule.forRoot()], providers: [Reserved] })
    class ReservedModule {}
    const error = await initError(ReservedModule, adapter);
    expect(error.message).toContain('Reserved#method');
  });

  it.each([
    [{ bodyLimit: -5 }, 'WeeRpcModule option "bodyLimit" must be a positive whole number of bytes.'],
    [{ hostAuth: 'localhost:3000' }, 'WeeRpcModule option "hostAuth" must be an array of "host[:port]" strings.'],
    [{ sessionAuth: { key: 'logged_in' } }, 'WeeRpcModule option "sessionAuth" must be an RpcAuthSessionKey or an array of them.'],
    [{ path: 42 }, 'WeeRpcModule option "path" must be a string such as "rpc".'],
  ])('refuses the options %j with a clear error', async (options, message) => {
    @Module({ imports: [WeeRpcModule.forRoot(options as never)], providers: [PingService] })
    class BadOptionsModule {}
    expect((await initError(BadOptionsModule, adapter)).message).toBe(message);
  });

  it('serves @RpcFunction methods of controllers too', async () => {
    @Controller('health')
    class HealthController {
      @Get()
      @RpcFunction('health')
      check() {
        return 'up';
      }
    }
    @Module({ imports: [WeeRpcModule.forRoot()], controllers: [HealthController] })
    class ControllerModule {}
    const app = await createTestApp(ControllerModule, { adapter });
    try {
      expect((await request(app.getHttpServer()).post('/rpc').send(call('health'))).body).toEqual(success('up'));
      expect((await request(app.getHttpServer()).get('/health')).text).toBe('up');
    } finally {
      await app.close();
    }
  });

  it('warns about a static method marked @RpcFunction instead of dropping it silently', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    @Injectable()
    class WithStatic {
      @RpcFunction()
      static shared() {
        return 1;
      }
      @RpcFunction()
      own() {
        return 2;
      }
    }
    @Module({ imports: [WeeRpcModule.forRoot()], providers: [WithStatic] })
    class StaticModule {}
    const app = await createTestApp(StaticModule, { adapter });
    try {
      expect(warn.mock.calls.map(([message]) => message)).toContain(
        '@RpcFunction on the static method WithStatic.shared is ignored: RPC functions run on provider instances.',
      );
      expect((await request(app.getHttpServer()).post('/rpc').send(call('shared'))).body).toEqual(failure('Invalid function.'));
      expect((await request(app.getHttpServer()).post('/rpc').send(call('own'))).body).toEqual(success(2));
    } finally {
      warn.mockRestore();
      await app.close();
    }
  });

  it('serves plain functions from the options, like the reference', async () => {
    @Module({
      imports: [
        WeeRpcModule.forRoot({
          functions: {
            add_numbers: (data: number[]) =>
              RpcResponse.success(
                data.reduce((a, b) => a + b, 0),
                "Function 'add_numbers' executed successfully",
              ),
            shout: (data: string) => data.toUpperCase(),
          },
        }),
      ],
    })
    class PlainModule {}
    const app = await createTestApp(PlainModule, { adapter });
    try {
      const server = app.getHttpServer();
      expect(
        (
          await request(server)
            .post('/rpc')
            .send(call('add_numbers', [1, 2, 3]))
        ).body,
      ).toEqual(success(6, "Function 'add_numbers' executed successfully"));
      expect((await request(server).post('/rpc').send(call('shout', 'hi'))).body).toEqual(success('HI'));
      expect((await request(server).post('/rpc').send(call('shout', 5))).status).toBe(500);
    } finally {
      await app.close();
    }
  });

  describe('forRootAsync', () => {
    @Injectable()
    class RpcSettings {
      readonly path = 'from-settings';
    }
    @Module({ providers: [RpcSettings], exports: [RpcSettings] })
    class SettingsModule {}

    it('takes options from a factory with inject', async () => {
      @Module({
        imports: [
          WeeRpcModule.forRootAsync({
            imports: [SettingsModule],
            inject: [RpcSettings],
            useFactory: async (settings: RpcSettings) => ({ path: settings.path, hostAuth: ['ok.test'] }),
          }),
        ],
        providers: [PingService],
      })
      class AsyncModule {}
      const app = await createTestApp(AsyncModule, { adapter });
      try {
        const server = app.getHttpServer();
        expect((await request(server).post('/from-settings').set('Host', 'ok.test').send(call('ping'))).body).toEqual(success('pong'));
        expect((await request(server).post('/from-settings').set('Host', 'no.test').send(call('ping'))).body).toEqual(
          failure('Unauthorized (no.test)'),
        );
      } finally {
        await app.close();
      }
    });

    it('takes options from a class', async () => {
      @Injectable()
      class OptionsFactory implements WeeRpcOptionsFactory {
        createWeeRpcOptions() {
          return { path: 'from-class' };
        }
      }
      @Module({ imports: [WeeRpcModule.forRootAsync({ useClass: OptionsFactory })], providers: [PingService] })
      class AsyncClassModule {}
      const app = await createTestApp(AsyncClassModule, { adapter });
      try {
        expect((await request(app.getHttpServer()).post('/from-class').send(call('ping'))).body).toEqual(success('pong'));
      } finally {
        await app.close();
      }
    });

    it('says what is missing when no strategy is given', () => {
      expect(() => WeeRpcModule.forRootAsync({})).toThrow('WeeRpcModule.forRootAsync() needs one of useFactory, useClass or useExisting.');
    });
  });
});
