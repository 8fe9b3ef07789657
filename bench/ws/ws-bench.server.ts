import 'reflect-metadata';
import { Module } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { WeeRpcModule } from '../../lib/index.js';
import { createNestApp, type BenchAdapter } from '../servers/nest-app.factory.js';
import type { RunningServer } from '../servers/start-server.js';
import { BareMathService } from '../servers/weerpc.server.js';

/** The bench's `add_numbers` on `/rpc`, over HTTP and over WebSocket (`ws` on, its defaults). */
@Module({ imports: [WeeRpcModule.forRoot({ path: 'rpc', ws: true })], providers: [BareMathService] })
class WsBenchModule {}

/**
 * The WebSocket bench's server on `adapter`, listening on a free loopback port: one process
 * answers both sides of the comparison, so HTTP and WebSocket run the same function the same way.
 */
export async function startWsBenchServer(adapter: BenchAdapter): Promise<RunningServer> {
  const app = await createNestApp(WsBenchModule, adapter);
  await app.listen(0, '127.0.0.1');
  return { port: ((app.getHttpServer() as Server).address() as AddressInfo).port, close: () => app.close() };
}
