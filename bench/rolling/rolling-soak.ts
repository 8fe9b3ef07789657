import { RollingClients, type RollingCounts } from './rolling-clients.js';
import { RollingCluster } from './rolling-cluster.js';

/** How long and with how many clients. */
export interface RollingSoakSettings {
  readonly seconds: number;
  readonly httpClients: number;
  readonly wsClients: number;
}

/** What a run reports. */
export interface RollingSoakReport extends RollingCounts {
  readonly seconds: number;
  readonly restarts: number;
}

/**
 * Starts the cluster and the clients, restarts instance 1 at a third of the time and instance 2 at
 * two thirds (each restart awaited: SIGTERM, drain, exit, a new process ready), then stops the
 * clients, waits for every call's outcome, and reports.
 */
export async function runRollingSoak(settings: RollingSoakSettings, log: (line: string) => void): Promise<RollingSoakReport> {
  const cluster = new RollingCluster();
  await cluster.start();
  const clients = new RollingClients(cluster.url);
  const started = Date.now();
  let restarts = 0;
  try {
    await clients.start(settings.httpClients, settings.wsClients);
    log(
      `soak:rolling: ${settings.seconds} s, ${settings.httpClients} HTTP keep-alive and ${settings.wsClients} WebSocket clients through nginx on ${cluster.url}`,
    );
    for (const index of [0, 1]) {
      await sleep(started + ((index + 1) * settings.seconds * 1000) / 3 - Date.now());
      const restartStarted = Date.now();
      await cluster.restart(index);
      restarts++;
      log(`  restarted instance ${index + 1} (SIGTERM to ready: ${Date.now() - restartStarted} ms); ${clients.counts.calls} calls so far`);
    }
    await sleep(started + settings.seconds * 1000 - Date.now());
    await clients.stop();
  } finally {
    await cluster.stop();
  }
  const report = { ...clients.counts, seconds: Math.round((Date.now() - started) / 100) / 10, restarts };
  log(
    `calls ${report.calls}, failed ${report.failed}, lost ${report.lost}, retried (refused by a drain, never run) ${report.retried}; ${report.seconds} s, ${report.restarts} restarts`,
  );
  report.examples.forEach(example => log(`  failure: ${example}`));
  return report;
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, Math.max(0, ms)));
}
