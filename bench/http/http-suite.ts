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

/** One measured round of one server. */
export interface RoundSample extends LoadSample {
  /**
   * The server's own CPU time (user + system) per answered request, in µs: what a request costs,
   * nearly untouched by other processes taking the CPU away, unlike req/s on a shared machine.
   */
  readonly cpuUsPerRequest: number;
  /** How busy the server's CPU was during the round, in percent: below ~90, the load generator (or a neighbour) was the limit. */
  readonly serverCpuPct: number;
}

/** Everything measured for one server. */
export interface ServerResult {
  readonly spec: ServerSpec;
  readonly rounds: RoundSample[];
  /** The largest peak RSS of its processes, in bytes. */
  peakRssBytes: number;
}

/** Medians over rounds, each taken on its own. */
export interface ServerSummary {
  readonly reqPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly cpuUsPerRequest: number;
  readonly serverCpuPct: number;
}

export function summarize(result: ServerResult): ServerSummary | undefined {
  if (result.rounds.length === 0) {
    return undefined;
  }
  return {
    reqPerSec: median(result.rounds.map(round => round.reqPerSec)),
    p50Ms: median(result.rounds.map(round => round.p50Ms)),
    p99Ms: median(result.rounds.map(round => round.p99Ms)),
    cpuUsPerRequest: median(result.rounds.map(round => round.cpuUsPerRequest)),
    serverCpuPct: median(result.rounds.map(round => round.serverCpuPct)),
  };
}

/**
 * Rounds of A B C …, A B C …: each server is started alone (pinned), its answers checked,
 * warmed up, measured and stopped before the next one starts, so that every server meets
 * the machine's passing noise about equally.
 */
export async function runHttpSuite(specs: readonly ServerSpec[], settings: HttpSuiteSettings, log: (line: string) => void): Promise<ServerResult[]> {
  const results = specs.map((spec): ServerResult => ({ spec, rounds: [], peakRssBytes: 0 }));
  for (let round = 1; round <= settings.rounds; round++) {
    for (const result of results) {
      const { id } = result.spec;
      const server = await ServerProcess.start(result.spec, { cpu: settings.serverCpu });
      try {
        await checkAnswers(server.url, id);
        await runLoad(server.url, { connections: settings.connections, seconds: settings.warmupSeconds });
        const before = await server.clocks();
        const load = await runLoad(server.url, { connections: settings.connections, seconds: settings.seconds });
        const after = await server.clocks();
        const cpuMicros = after.cpuMicros - before.cpuMicros;
        const sample: RoundSample = {
          ...load,
          cpuUsPerRequest: cpuMicros / load.requests,
          serverCpuPct: (100 * cpuMicros) / (after.micros - before.micros),
        };
        result.rounds.push(sample);
        log(
          `  round ${round}/${settings.rounds} ${id.padEnd(24)} ${Math.round(sample.reqPerSec).toString().padStart(7)} req/s` +
            `  p50 ${sample.p50Ms.toFixed(2)} ms  p99 ${sample.p99Ms.toFixed(2)} ms` +
            `  ${sample.cpuUsPerRequest.toFixed(1)} µs CPU/req  server CPU ${Math.round(sample.serverCpuPct)}%`,
        );
      } finally {
        result.peakRssBytes = Math.max(result.peakRssBytes, await server.stop());
      }
    }
  }
  return results;
}
