import { spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { LOAD_REQUEST } from '../http/answer-check.js';
import { ServerProcess } from '../http/server-process.js';
import type { BenchAdapter } from '../servers/nest-app.factory.js';
import { runWsLoad } from './ws-load.js';
import type { BenchSessionStore } from './ws-session-bench.server.js';

const WS_SESSION_SERVER_MAIN = fileURLToPath(new URL('./ws-session-server.main.js', import.meta.url));

/** One measured socket run of the session-protected `add_numbers`. */
export interface WsSessionSample {
  readonly adapter: BenchAdapter;
  readonly store: BenchSessionStore;
  /** `upgrade`: rules against the session read at the upgrade (before); `live`: a store read per call (after). */
  readonly session: 'upgrade' | 'live';
  readonly callsPerSec: number;
  readonly cpuUsPerCall: number;
}

/** Settings of the live-session measurement. */
export interface WsSessionSettings {
  readonly rounds: number;
  readonly warmupSeconds: number;
  readonly seconds: number;
  readonly inFlight: number;
  readonly serverCpu: number | null;
}

/**
 * For each adapter and store: one server, one logged-in session, then one WebSocket with `inFlight`
 * calls of a session-protected `add_numbers`, where the rules see the upgrade's session (before)
 * and where they read the store for every call (after), interleaved per round.
 */
export async function runWsSessionSuite(settings: WsSessionSettings, log: (line: string) => void): Promise<WsSessionSample[]> {
  const samples: WsSessionSample[] = [];
  const redis = await startRedis();
  try {
    for (let round = 1; round <= settings.rounds; round++) {
      for (const adapter of ['express', 'fastify'] as const) {
        for (const store of ['memory', 'redis'] as const) {
          const server = await ServerProcess.spawn(`ws-session-${adapter}-${store}`, [WS_SESSION_SERVER_MAIN, adapter, store, redis.url], {
            cpu: settings.serverCpu,
          });
          try {
            const cookie = await logIn(server.port);
            const order = round % 2 === 0 ? (['live', 'upgrade'] as const) : (['upgrade', 'live'] as const);
            for (const session of order) {
              const url = `ws://127.0.0.1:${server.port}/rpc/${session}-session`;
              await runWsLoad(url, 1, settings.inFlight, settings.warmupSeconds, { Cookie: cookie });
              const before = await server.clocks();
              const { calls, callsPerSec } = await runWsLoad(url, 1, settings.inFlight, settings.seconds, { Cookie: cookie });
              const after = await server.clocks();
              const sample = { adapter, store, session, callsPerSec, cpuUsPerCall: (after.cpuMicros - before.cpuMicros) / calls };
              samples.push(sample);
              log(
                `  round ${round}/${settings.rounds} ${adapter.padEnd(7)} ${store.padEnd(6)} ${session.padEnd(7)} ` +
                  `${Math.round(callsPerSec).toString().padStart(7)} calls/s  ${sample.cpuUsPerCall.toFixed(1)} µs CPU/call`,
              );
            }
          } finally {
            await server.stop();
          }
        }
      }
    }
  } finally {
    redis.stop();
  }
  return samples;
}

/** The median of each adapter, store and session, as a markdown table with the cost of a live session per call. */
export function wsSessionTable(samples: readonly WsSessionSample[]): string {
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const rows = [
    '| adapter | store | calls/s, upgrade session (before) | calls/s, live session (after) | CPU µs/call before | after | cost per call |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const adapter of ['express', 'fastify'] as const) {
    for (const store of ['memory', 'redis'] as const) {
      const of = (session: 'upgrade' | 'live') => samples.filter(s => s.adapter === adapter && s.store === store && s.session === session);
      const before = of('upgrade');
      const after = of('live');
      const cpuBefore = median(before.map(s => s.cpuUsPerCall));
      const cpuAfter = median(after.map(s => s.cpuUsPerCall));
      rows.push(
        `| ${adapter} | ${store} | ${Math.round(median(before.map(s => s.callsPerSec)))} | ${Math.round(median(after.map(s => s.callsPerSec)))} | ` +
          `${cpuBefore.toFixed(1)} | ${cpuAfter.toFixed(1)} | ${cpuAfter >= cpuBefore ? '+' : ''}${(cpuAfter - cpuBefore).toFixed(1)} µs |`,
      );
    }
  }
  return rows.join('\n');
}

/** Logs in over HTTP: the session cookie the sockets are opened with. */
async function logIn(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/rpc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ weerpc: 1.1, function: 'login' }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  const probe = await fetch(`http://127.0.0.1:${port}/rpc/live-session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: cookie ?? '' },
    body: LOAD_REQUEST,
  });
  const answer = (await probe.json()) as { ok?: boolean };
  if (!cookie || answer.ok !== true) {
    throw new Error(`could not log in on port ${port} (${JSON.stringify(answer)})`);
  }
  return cookie;
}

/** A redis-server without persistence on a free loopback port, for the Redis store's runs. */
async function startRedis(): Promise<{ url: string; stop(): void }> {
  const port = await new Promise<number>(resolve => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as { port: number };
      probe.close(() => resolve(free));
    });
  });
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let attempt = 0; !(await accepts(port)); attempt++) {
    if (attempt > 100) {
      child.kill('SIGTERM');
      throw new Error(`redis-server did not listen on ${port}`);
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

function accepts(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
