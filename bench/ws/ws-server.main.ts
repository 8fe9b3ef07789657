/**
 * The WebSocket bench's server, a child process of the driver: `node ws-server.main.js <adapter>`.
 * Serves `add_numbers` on `/rpc` over HTTP and over WebSocket and speaks the driver's IPC
 * (`listening`, `clocks`, `stop`; see `serveOverIpc`).
 */
import { serveOverIpc } from '../servers/server-ipc.js';
import { startWsBenchServer } from './ws-bench.server.js';

async function main(): Promise<void> {
  const adapter = process.argv[2];
  if ((adapter !== 'express' && adapter !== 'fastify') || !process.send) {
    throw new Error('usage: node ws-server.main.js <express|fastify> (as a child with IPC)');
  }
  await serveOverIpc(await startWsBenchServer(adapter));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
