/**
 * One bench server as a child process of the driver (so that its RSS and CPU time are its own):
 * `node server.main.js <server-id>`. Speaks over IPC: sends `listening` with its port; answers
 * `clocks` with its monotonic clock (to cut a profile to the measured phase) and the CPU time it
 * has used (to count what each request costs); answers `stop` with its peak RSS, then exits
 * (which is also when `--cpu-prof` writes its profile).
 */
import { SERVERS } from './server-catalog.js';
import { startServer } from './start-server.js';

/** Messages the child sends to the driver. */
export type ServerMessage =
  | { type: 'listening'; port: number }
  | { type: 'stopped'; peakRssKb: number }
  /** The monotonic clock (the one `--cpu-prof` stamps samples with) and user+system CPU time, in µs. */
  | { type: 'clocks'; micros: number; cpuMicros: number };

function send(message: ServerMessage): Promise<void> {
  return new Promise(resolve => process.send!(message, () => resolve()));
}

async function main(): Promise<void> {
  const spec = SERVERS.find(candidate => candidate.id === process.argv[2]);
  if (!spec || !process.send) {
    throw new Error(`usage: node server.main.js <${SERVERS.map(s => s.id).join('|')}> (as a child with IPC)`);
  }
  const running = await startServer(spec);
  // The driver going away must not leave a server behind.
  process.on('disconnect', () => process.exit(0));
  process.on('message', message => {
    if (message === 'clocks') {
      const { user, system } = process.cpuUsage();
      void send({ type: 'clocks', micros: Number(process.hrtime.bigint() / 1000n), cpuMicros: user + system });
    } else if (message === 'stop') {
      const peakRssKb = process.resourceUsage().maxRSS;
      void running
        .close()
        .then(() => send({ type: 'stopped', peakRssKb }))
        .then(() => process.exit(0));
    }
  });
  await send({ type: 'listening', port: running.port });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
