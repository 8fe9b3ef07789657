import type { RunningServer } from './start-server.js';

/** Messages a bench server child sends to the driver. */
export type ServerMessage =
  | { type: 'listening'; port: number }
  | { type: 'stopped'; peakRssKb: number }
  /** The monotonic clock (the one `--cpu-prof` stamps samples with) and user+system CPU time, in µs. */
  | { type: 'clocks'; micros: number; cpuMicros: number };

function send(message: ServerMessage): Promise<void> {
  return new Promise(resolve => process.send!(message, () => resolve()));
}

/**
 * Speaks the driver's IPC for a started server (the child side of `ServerProcess`): sends
 * `listening` with its port; answers `clocks` with its monotonic clock (to cut a profile to the
 * measured phase) and the CPU time it has used (to count what each request costs); answers `stop`
 * with its peak RSS, then exits (which is also when `--cpu-prof` writes its profile). Exits when
 * the driver goes away, so that no server is left behind.
 */
export async function serveOverIpc(running: RunningServer): Promise<void> {
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
