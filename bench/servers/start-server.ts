import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { ServerSpec } from './server-catalog.js';

const HOST = '127.0.0.1';

/** A bench server listening on a free loopback port. */
export interface RunningServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Starts the server `spec` describes; each loads only what it uses, so that its RSS is its own. */
export async function startServer(spec: ServerSpec): Promise<RunningServer> {
  if (spec.adapter === 'node') {
    const { createRawHttpServer } = await import('./raw-http.server.js');
    const server = createRawHttpServer();
    await new Promise<void>(resolve => server.listen(0, HOST, resolve));
    return { port: (server.address() as AddressInfo).port, close: () => closeServer(server) };
  }
  const app =
    spec.kind === 'plain' || spec.kind === 'plain-guarded'
      ? await (await import('./plain-nest.server.js')).createPlainNestApp(spec.adapter, spec.kind === 'plain-guarded')
      : await (await import('./weerpc.server.js')).createWeeRpcApp(spec.adapter, spec.kind === 'weerpc-guarded');
  await app.listen(0, HOST);
  const server = app.getHttpServer() as Server;
  return { port: (server.address() as AddressInfo).port, close: () => app.close() };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise(resolve => server.close(() => resolve()));
}
