/**
 * The WebSocket bench's server, a child process of the driver: `node ws-server.main.js <adapter>`.
 * Serves the same `add_numbers` as the HTTP bench on `/rpc`, over HTTP and over WebSocket (`ws`
 * option), sends `listening` with its port over IPC and exits when the driver goes away.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { WeeRpcModule } from '../../lib/index.js';
import { createNestApp, type BenchAdapter } from '../servers/nest-app.factory.js';
import { BareMathService } from '../servers/weerpc.server.js';

@Module({ imports: [WeeRpcModule.forRoot({ path: 'rpc', ws: true })], providers: [BareMathService] })
class WsBenchModule {}

async function main(): Promise<void> {
  const adapter = process.argv[2] as BenchAdapter;
  if ((adapter !== 'express' && adapter !== 'fastify') || !process.send) {
    throw new Error('usage: node ws-server.main.js <express|fastify> (as a child with IPC)');
  }
  const app = await createNestApp(WsBenchModule, adapter);
  await app.listen(0, '127.0.0.1');
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'listening', port: ((app.getHttpServer() as Server).address() as AddressInfo).port });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
