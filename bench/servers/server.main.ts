/**
 * One bench server as a child process of the driver (so that its RSS and CPU time are its own):
 * `node server.main.js <server-id>`, speaking the driver's IPC (see `serveOverIpc`).
 */
import { SERVERS } from './server-catalog.js';
import { serveOverIpc } from './server-ipc.js';
import { startServer } from './start-server.js';

async function main(): Promise<void> {
  const spec = SERVERS.find(candidate => candidate.id === process.argv[2]);
  if (!spec || !process.send) {
    throw new Error(`usage: node server.main.js <${SERVERS.map(s => s.id).join('|')}> (as a child with IPC)`);
  }
  await serveOverIpc(await startServer(spec));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
