import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import request from 'supertest';
import { WeeRpcModule, type WeeRpcModuleOptions, type WeeRpcOptionsFactory } from 'nestjs-weerpc';
import { ADAPTERS, call, createTestApp, failure, success } from '../support/create-app.js';
import { PingService } from '../fixtures/ping.fixture.js';

const env = { RPC_PATH: 'configured/rpc', RPC_HOSTS: 'good.test,also.test' };

/** Builds the options from ConfigService, for useClass and useExisting. */
@Injectable()
class RpcConfig implements WeeRpcOptionsFactory {
  constructor(private readonly config: ConfigService) {}
  createWeeRpcOptions(): WeeRpcModuleOptions {
    return { path: this.config.getOrThrow('RPC_PATH'), hostAuth: this.config.getOrThrow<string>('RPC_HOSTS').split(',') };
  }
}

@Module({ imports: [ConfigModule.forFeature(() => env)], providers: [RpcConfig], exports: [RpcConfig] })
class RpcConfigModule {}

const configRoot = ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => env] });

const strategies: [string, () => ReturnType<typeof WeeRpcModule.forRootAsync>][] = [
  [
    'useFactory + inject',
    () =>
      WeeRpcModule.forRootAsync({
        imports: [ConfigModule],
        inject: [ConfigService],
        useFactory: (config: ConfigService) => ({
          path: config.getOrThrow<string>('RPC_PATH'),
          hostAuth: config.getOrThrow<string>('RPC_HOSTS').split(','),
        }),
      }),
  ],
  ['useClass', () => WeeRpcModule.forRootAsync({ imports: [ConfigModule], useClass: RpcConfig })],
  ['useExisting', () => WeeRpcModule.forRootAsync({ imports: [RpcConfigModule], useExisting: RpcConfig })],
];

describe.each(ADAPTERS)('forRootAsync with @nestjs/config (%s)', adapter => {
  describe.each(strategies)('%s', (_name, rpcModule) => {
    let app: INestApplication;
    beforeAll(async () => {
      @Module({ imports: [configRoot, rpcModule()], providers: [PingService] })
      class ConfiguredAppModule {}
      app = await createTestApp(ConfiguredAppModule, { adapter });
    });
    afterAll(() => app.close());

    it('serves on the configured path with the configured host rule', async () => {
      const server = app.getHttpServer();
      expect((await request(server).post('/configured/rpc').set('Host', 'good.test').send(call('ping'))).body).toEqual(success('pong'));
      expect((await request(server).post('/configured/rpc').set('Host', 'bad.test').send(call('ping'))).body).toEqual(
        failure('Unauthorized (bad.test)'),
      );
    });
  });
});
