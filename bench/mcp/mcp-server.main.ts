/**
 * The MCP bench's server, a child process of the driver: `node mcp-server.main.js <adapter>`.
 * Serves the bare `add_numbers` on `/rpc` (JSON-RPC 2.0) and as an MCP tool on `/rpc/mcp`, and
 * speaks the driver's IPC (`listening`, `clocks`, `stop`; see `serveOverIpc`).
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WeeRpcModule } from '../../lib/index.js';
import { createNestApp } from '../servers/nest-app.factory.js';
import { serveOverIpc } from '../servers/server-ipc.js';
import { BareMathService } from '../servers/weerpc.server.js';

/** One function, two doors: the endpoint speaks JSON-RPC 2.0 and lists `add_numbers` as its one tool. */
@Module({
  imports: [WeeRpcModule.forRoot({ path: 'rpc', protocols: ['jsonrpc/2.0'], mcp: { tools: ['add_numbers'] } })],
  providers: [BareMathService],
})
class McpBenchModule {}

async function main(): Promise<void> {
  const adapter = process.argv[2];
  if ((adapter !== 'express' && adapter !== 'fastify') || !process.send) {
    throw new Error('usage: node mcp-server.main.js <express|fastify> (as a child with IPC)');
  }
  const app = await createNestApp(McpBenchModule, adapter);
  await app.listen(0, '127.0.0.1');
  await serveOverIpc({ port: ((app.getHttpServer() as Server).address() as AddressInfo).port, close: () => app.close() });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
