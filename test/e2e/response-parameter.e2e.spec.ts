import { Injectable, Module, Res, ValidationPipe, type INestApplication } from '@nestjs/common';
import { RpcData, RpcFunction, WeeRpcModule } from 'nestjs-weerpc';
import request from 'supertest';
import { ADAPTERS, call, createTestApp, success } from '../support/create-app.js';

type AnyResponse = { header?: (name: string, value: string) => unknown; setHeader?: (name: string, value: string) => unknown };

@Injectable()
class CookieService {
  /** Sets a header through the adapter's own response object, as a function setting a cookie would. */
  @RpcFunction('tag')
  tag(@RpcData() label: string, @Res({ passthrough: true }) response: AnyResponse) {
    if (response.header) {
      response.header('x-tag', label); // Fastify's reply
    } else {
      response.setHeader!('x-tag', label); // Express's response
    }
    return `tagged ${label}`;
  }
}

@Module({ imports: [WeeRpcModule.forRoot()], providers: [CookieService] })
class ResponseParameterModule {}

describe.each(ADAPTERS)('@Res() in an RPC function (%s)', adapter => {
  describe.each([
    ['without global pipes', undefined],
    ['with a global ValidationPipe', (app: INestApplication) => void app.useGlobalPipes(new ValidationPipe())],
  ])('%s', (_label, configure) => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await createTestApp(ResponseParameterModule, { adapter, configure });
    });
    afterAll(() => app.close());

    it('hands over the live response: the function writes a header and its answer still goes out', async () => {
      const res = await request(app.getHttpServer()).post('/rpc').send(call('tag', 'blue')).timeout(5000);
      expect(res.status).toBe(200);
      expect(res.headers['x-tag']).toBe('blue');
      expect(res.body).toEqual(success('tagged blue'));
    });
  });
});
