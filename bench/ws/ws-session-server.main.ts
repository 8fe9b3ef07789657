/**
 * The live-session bench's server, a child process of the driver:
 * `node ws-session-server.main.js <express|fastify> <memory|redis> [redis-url]`, speaking the driver's IPC.
 */
import { serveOverIpc } from '../servers/server-ipc.js';
import { startWsSessionBenchServer } from './ws-session-bench.server.js';

async function main(): Promise<void> {
  const [adapter, store, redisUrl] = process.argv.slice(2);
  if ((adapter !== 'express' && adapter !== 'fastify') || (store !== 'memory' && store !== 'redis') || !process.send) {
    throw new Error('usage: node ws-session-server.main.js <express|fastify> <memory|redis> [redis-url] (as a child with IPC)');
  }
  await serveOverIpc(await startWsSessionBenchServer(adapter, store, redisUrl));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
