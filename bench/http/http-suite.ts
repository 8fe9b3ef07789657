import type { ServerSpec } from '../servers/server-catalog.js';
import { median } from '../report/stats.js';
import { checkAnswers } from './answer-check.js';
import { runLoad, type LoadSample } from './load-run.js';
import { ServerProcess } from './server-process.js';

/** Rounds, times and load of the HTTP benchmark. */
export interface HttpSuiteSettings {
  readonly rounds: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
  readonly connections: number;
  readonly serverCpu: number | null;
}

/** Everything measured for one server. */
export interface ServerResult {
  readonly spec: ServerSpec;
  /** Why the server could not run (the module lacks its adapter), if so. */
  unavailable?: string;
  readonly rounds: LoadSample[];
  /** The largest peak RSS of its processes, in bytes. */
  peakRssBytes: number;
}

/** Medians over rounds, each taken on its own. */
export interface ServerSummary {
  readonly reqPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export function summarize(result: ServerResult): ServerSummary | undefined {
  if (result.rounds.length === 0) {
    return undefined;
  }
  return {
    reqPerSec: median(result.rounds.map(round => round.reqPerSec)),
    p50Ms: median(result.rounds.map(round => round.p50Ms)),
    p99Ms: median(result.rounds.map(round => round.p99Ms)),
  };
}

/**
 * Rounds of A B C …, A B C …: each server is started alone (pinned), its answers checked,
 * warmed up, measured and stopped before the next one starts, so that every server meets
 * the machine's passing noise about equally.
 */
export async function runHttpSuite(
  specs: readonly ServerSpec[],
  settings: HttpSuiteSettings,
  log: (line: string) => void,
): Promise<ServerResult[]> {
  const results = specs.map((spec): ServerResult => ({ spec, rounds: [], peakRssBytes: 0 }));
  for (let round = 1; round <= settings.rounds; round++) {
    for (const result of results) {
      if (result.unavailable) {
        continue;
      }
      const { id } = result.spec;
      const server = await ServerProcess.start(result.spec, { cpu: settings.serverCpu });
      if (!(server instanceof ServerProcess)) {
        result.unavailable = server.unavailable;
        log(`  ${id}: not available (${server.unavailable})`);
        continue;
      }
      try {
        await checkAnswers(server.url, id);
        await runLoad(server.url, { connections: settings.connections, seconds: settings.warmupSeconds });
        const sample = await runLoad(server.url, { connections: settings.connections, seconds: settings.seconds });
        result.rounds.push(sample);
        log(
          `  round ${round}/${settings.rounds} ${id.padEnd(24)} ${Math.round(sample.reqPerSec).toString().padStart(7)} req/s` +
            `  p50 ${sample.p50Ms.toFixed(2)} ms  p99 ${sample.p99Ms.toFixed(2)} ms`,
        );
      } finally {
        result.peakRssBytes = Math.max(result.peakRssBytes, await server.stop());
      }
    }
  }
  return results;
}
