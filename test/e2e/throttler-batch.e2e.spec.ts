import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Throttle, ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import request from 'supertest';
import { JsonRpcErrorCode, RpcFunction, WeeRpcModule } from 'nestjs-weerpc';
import { ADAPTERS, createTestApp } from '../support/create-app.js';
import { rpcError, rpcRequest, rpcResult } from '../support/jsonrpc-bodies.js';

const LIMIT = 5;
const THROTTLED = 'ThrottlerException: Too Many Requests';

@Injectable()
class MeteredService {
  /** How many times each function really ran: a throttled call must not reach its method. */
  readonly ran = { scarce: 0, plenty: 0 };

  @RpcFunction()
  @Throttle({ default: { limit: LIMIT, ttl: 60_000 } })
  scarce(n: [number]) {
    this.ran.scarce++;
    return n[0];
  }

  @RpcFunction()
  plenty(n: [number]) {
    this.ran.plenty++;
    return n[0];
  }
}

@Module({
  imports: [WeeRpcModule.forRoot({ protocols: ['jsonrpc/2.0'] }), ThrottlerModule.forRoot([{ ttl: 60_000, limit: 1000 }])],
  providers: [MeteredService, { provide: APP_GUARD, useClass: ThrottlerGuard }],
})
class ThrottledJsonRpcModule {}

type Answer = { id: number; result?: unknown; error?: { code: number; message: string } };

describe.each(ADAPTERS)('a JSON-RPC batch counts as one call per element for @nestjs/throttler (%s)', adapter => {
  let app: INestApplication;
  beforeEach(async () => {
    app = await createTestApp(ThrottledJsonRpcModule, { adapter });
  });
  afterEach(() => app.close());

  const postBatch = (elements: unknown[]) => request(app.getHttpServer()).post('/rpc').send(elements);
  const batchOf = (method: string, count: number, firstId = 1) =>
    Array.from({ length: count }, (_, index) => rpcRequest(method, [firstId + index], firstId + index));

  it(`runs ${LIMIT} calls of a batch of 100 and answers the other 95 with their own throttled error and id`, async () => {
    const answer = await postBatch(batchOf('scarce', 100));
    expect(answer.status).toBe(200);
    const elements = answer.body as Answer[];
    expect(elements).toHaveLength(100);
    expect(elements.map(element => element.id).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const results = elements.filter(element => 'result' in element);
    const refused = elements.filter(element => 'error' in element);
    expect(results).toHaveLength(LIMIT);
    for (const element of results) {
      expect(element).toEqual(rpcResult(element.id, element.id));
    }
    expect(refused).toHaveLength(100 - LIMIT);
    for (const element of refused) {
      expect(element).toEqual(rpcError(JsonRpcErrorCode.Rejected, THROTTLED, element.id, { status: 429 }));
    }
    expect(app.get(MeteredService).ran.scarce).toBe(LIMIT);
  });

  it('leaves nothing for a later request once a batch used the limit up', async () => {
    await postBatch(batchOf('scarce', 100));
    const later = await request(app.getHttpServer())
      .post('/rpc')
      .send(rpcRequest('scarce', [7], 7));
    expect(later.body).toEqual(rpcError(JsonRpcErrorCode.Rejected, THROTTLED, 7, { status: 429 }));
  });

  it('counts calls made earlier by single requests against the batch', async () => {
    for (let id = 1; id <= LIMIT - 2; id++) {
      await request(app.getHttpServer())
        .post('/rpc')
        .send(rpcRequest('scarce', [id], id));
    }
    const elements = (await postBatch(batchOf('scarce', 10, 100))).body as Answer[];
    expect(elements.filter(element => 'result' in element)).toHaveLength(2);
    expect(elements.filter(element => element.error?.message === THROTTLED)).toHaveLength(8);
  });

  it('runs the unthrottled elements of a mixed batch while refusing the throttled ones over the limit', async () => {
    const mixed = [...batchOf('scarce', 50, 1), ...batchOf('plenty', 50, 51)];
    const elements = (await postBatch(mixed)).body as Answer[];
    expect(elements).toHaveLength(100);
    const plenty = elements.filter(element => element.id > 50);
    expect(plenty.every(element => 'result' in element)).toBe(true);
    expect(elements.filter(element => element.id <= 50 && 'result' in element)).toHaveLength(LIMIT);
    expect(app.get(MeteredService).ran).toEqual({ scarce: LIMIT, plenty: 50 });
  });
});
