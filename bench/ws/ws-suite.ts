import { fileURLToPath } from 'node:url';
import { checkAnswers } from '../http/answer-check.js';
import { runLoad } from '../http/load-run.js';
import { ServerProcess } from '../http/server-process.js';
import type { BenchAdapter } from '../servers/nest-app.factory.js';
import { runWsLoad } from './ws-load.js';

const WS_SERVER_MAIN = fileURLToPath(new URL('./ws-server.main.js', import.meta.url));

/** The two ways to reach the function: HTTP keep-alive connections, or calls on one WebSocket. */
export type WsBenchTransport = 'http' | 'ws';

/** One measured run of one transport. */
export interface WsRoundSample {
  readonly callsPerSec: number;
  readonly calls: number;
  /** The server's own CPU time (user + system) per answered call, in µs: what a call costs, nearly untouched by neighbours. */
  readonly cpuUsPerCall: number;
  /** How busy the server's CPU was, in percent: below ~90, the load generator (or a neighbour) was the limit. */
  readonly serverCpuPct: number;
}

/** Every round of one adapter at one in-flight level, both transports measured in each round. */
export interface WsSuiteResult {
  readonly adapter: BenchAdapter;
  readonly inFlight: number;
  readonly http: WsRoundSample[];
  readonly ws: WsRoundSample[];
}

/** Rounds, times and levels of the WebSocket benchmark. */
export interface WsSuiteSettings {
  readonly rounds: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
  readonly inFlight: readonly number[];
  readonly serverCpu: number | null;
}

export const WS_BENCH_ADAPTERS: readonly BenchAdapter[] = ['express', 'fastify'];

/**
 * Each round starts each adapter's server alone (pinned), checks its answers, warms every
 * transport and level up, then measures them all on that one server, in an order reversed every
 * other round so that neither transport always runs first; the next adapter starts after it stops.
 */
export async function runWsSuite(settings: WsSuiteSettings, log: (line: string) => void): Promise<WsSuiteResult[]> {
  const results = WS_BENCH_ADAPTERS.flatMap(adapter => settings.inFlight.map((inFlight): WsSuiteResult => ({ adapter, inFlight, http: [], ws: [] })));
  for (let round = 1; round <= settings.rounds; round++) {
    for (const adapter of WS_BENCH_ADAPTERS) {
      const server = await ServerProcess.spawn(`ws-${adapter}`, [WS_SERVER_MAIN, adapter], { cpu: settings.serverCpu });
      const wsUrl = `ws://127.0.0.1:${server.port}/rpc`;
      try {
        await checkAnswers(server.url, adapter);
        const runs = results
          .filter(result => result.adapter === adapter)
          .flatMap(result => (['http', 'ws'] as const).map(transport => ({ result, transport })));
        if (round % 2 === 0) {
          runs.reverse();
        }
        // Each tool's own count over its own measured time; the server's clocks only give the CPU.
        const drive = async (transport: WsBenchTransport, inFlight: number, seconds: number) => {
          if (transport === 'ws') {
            return runWsLoad(wsUrl, 1, inFlight, seconds);
          }
          const { requests, reqPerSec } = await runLoad(server.url, { connections: inFlight, seconds });
          return { calls: requests, callsPerSec: reqPerSec };
        };
        for (const { result, transport } of runs) {
          await drive(transport, result.inFlight, settings.warmupSeconds);
        }
        for (const { result, transport } of runs) {
          const before = await server.clocks();
          const { calls, callsPerSec } = await drive(transport, result.inFlight, settings.seconds);
          const after = await server.clocks();
          const cpuMicros = after.cpuMicros - before.cpuMicros;
          const micros = after.micros - before.micros;
          const sample: WsRoundSample = {
            callsPerSec,
            calls,
            cpuUsPerCall: cpuMicros / calls,
            serverCpuPct: (100 * cpuMicros) / micros,
          };
          result[transport].push(sample);
          log(
            `  round ${round}/${settings.rounds} ${adapter.padEnd(7)} ${String(result.inFlight).padStart(3)} in flight ` +
              `${transport === 'http' ? 'HTTP keep-alive' : 'one WebSocket  '} ${Math.round(sample.callsPerSec).toString().padStart(7)} calls/s` +
              `  ${sample.cpuUsPerCall.toFixed(1)} µs CPU/call  server CPU ${Math.round(sample.serverCpuPct)}%`,
          );
        }
      } finally {
        await server.stop();
      }
    }
  }
  return results;
}
