/**
 * One bench server as a child process of the driver (so its RSS is its own):
 * `node server.main.js <server-id>`. Speaks over IPC: sends `listening` with its port (or
 * `unavailable` when the module does not support the adapter yet), answers `clocks` with its
 * monotonic clock (to cut a profile to the measured phase) and the CPU time it has used (to
 * count the CPU each request costs), and `stop` with its peak RSS, then
 * exits (which is also when `--cpu-prof` writes its profile).
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { BootstrapMessages } from '../../lib/weerpc.messages.js';
import { SERVERS, type ServerSpec } from './server-catalog.js';

/** Messages the child sends to the driver. */
export type ServerMessage =
  | { type: 'listening'; port: number }
  | { type: 'unavailable'; reason: string }
  | { type: 'stopped'; peakRssKb: number }
  /** The monotonic clock (the one `--cpu-prof` stamps samples with) and user+system CPU time, in µs. */
  | { type: 'clocks'; micros: number; cpuMicros: number };

const HOST = '127.0.0.1';

const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

interface Running {
  port: number;
  close(): Promise<void>;
}

// Each server loads only what it uses (imported on demand), so that its RSS is its own.
async function start(spec: ServerSpec): Promise<Running> {
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

function send(message: ServerMessage): Promise<void> {
  return new Promise(resolve => process.send!(message, () => resolve()));
}

async function main(): Promise<void> {
  const spec = SERVERS.find(candidate => candidate.id === process.argv[2]);
  if (!spec || !process.send) {
    throw new Error(`usage: node server.main.js <${SERVERS.map(s => s.id).join('|')}> (as a child with IPC)`);
  }
  // The one expected failure: a module build without this adapter (thrown while the adapter is
  // set up, possibly outside the start's promise). Anything else is a bug: crash loudly.
  const unsupported = spec.adapter === 'node' ? undefined : BootstrapMessages.unsupportedAdapter(spec.adapter);
  const onStartError = (error: unknown) => {
    if (error instanceof Error && error.message === unsupported) {
      void send({ type: 'unavailable', reason: error.message }).then(() => process.exit(0));
      return;
    }
    console.error(error);
    process.exit(1);
  };
  process.on('uncaughtException', onStartError);
  const running = await start(spec).catch(error => {
    onStartError(error);
    return new Promise<never>(() => {});
  });
  // Let an error the adapter set-up threw outside the promise surface first.
  await new Promise(resolve => setTimeout(resolve, 20));
  process.off('uncaughtException', onStartError);
  // The driver going away must not leave a server behind.
  process.on('disconnect', () => process.exit(0));
  process.on('message', message => {
    if (message === 'clocks') {
      const { user, system } = process.cpuUsage();
      void send({ type: 'clocks', micros: monotonicMicros(), cpuMicros: user + system });
      return;
    }
    if (message !== 'stop') {
      return;
    }
    const peakRssKb = process.resourceUsage().maxRSS;
    void running
      .close()
      .then(() => send({ type: 'stopped', peakRssKb }))
      .then(() => process.exit(0));
  });
  await send({ type: 'listening', port: running.port });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
