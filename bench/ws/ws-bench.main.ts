/**
 * `npm run bench:ws [-- --rounds N --duration S --connections N --window N]`: calls/s of the same
 * `add_numbers` over HTTP keep-alive (autocannon, N connections) and over one WebSocket (a window
 * of calls in flight), on Express and Fastify, the server pinned to CPU 0 and this driver to CPU 1
 * where taskset exists, rounds interleaved; prints the medians and the load average.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkAnswers } from '../http/answer-check.js';
import { pinLoadGenerator, pinnedCommand } from '../http/cpu-pinning.js';
import { runLoad } from '../http/load-run.js';
import { median } from '../report/stats.js';
import { runWsLoad } from './ws-load.js';

const SERVER_MAIN = fileURLToPath(new URL('./ws-server.main.js', import.meta.url));
const ADAPTERS = ['express', 'fastify'] as const;
const log = (line = '') => process.stdout.write(`${line}\n`);

function startServer(adapter: string, cpu: number | null): Promise<{ child: ChildProcess; port: number }> {
  const [command, args] = pinnedCommand(cpu, [SERVER_MAIN, adapter]);
  const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('exit', code => reject(new Error(`${adapter} server exited with ${code}`)));
    child.once('message', (message: { port: number }) => resolve({ child, port: message.port }));
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '3' },
      duration: { type: 'string', default: '5' },
      connections: { type: 'string', default: '10' },
      window: { type: 'string', default: '64' },
    },
  });
  const rounds = Number(values.rounds);
  const seconds = Number(values.duration);
  const connections = Number(values.connections);
  const window = Number(values.window);
  const pinning = pinLoadGenerator();
  log(`npm run bench:ws -- --rounds ${rounds} --duration ${seconds} --connections ${connections} --window ${window}`);
  log(`load average at start ${loadavg().map(n => n.toFixed(2)).join(' ')}; ${pinning.note}`);
  const results: Record<string, { http: number[]; ws: number[]; wsSame: number[] }> = {};
  for (const adapter of ADAPTERS) {
    const { child, port } = await startServer(adapter, pinning.serverCpu);
    const httpUrl = `http://127.0.0.1:${port}/rpc`;
    const wsUrl = `ws://127.0.0.1:${port}/rpc`;
    try {
      await checkAnswers(httpUrl, adapter);
      await runLoad(httpUrl, { connections, seconds: 1 });
      await runWsLoad(wsUrl, 1, window, 1);
      const result = (results[adapter] = { http: [] as number[], ws: [] as number[], wsSame: [] as number[] });
      for (let round = 0; round < rounds; round++) {
        result.http.push((await runLoad(httpUrl, { connections, seconds })).reqPerSec);
        result.ws.push((await runWsLoad(wsUrl, 1, window, seconds)).callsPerSec);
        // The same concurrency as HTTP's connections, to show what one socket saves by itself.
        result.wsSame.push((await runWsLoad(wsUrl, 1, connections, seconds)).callsPerSec);
        const last = (values: number[]) => Math.round(values.at(-1)!);
        log(`  ${adapter} round ${round + 1}: HTTP ${last(result.http)}/s, WebSocket ${last(result.ws)}/s (${last(result.wsSame)}/s at ${connections} in flight)`);
      }
    } finally {
      child.kill();
    }
  }
  log(
    `\n| adapter | HTTP keep-alive, ${connections} connections | one WebSocket, ${connections} in flight | ratio | ` +
      `one WebSocket, ${window} in flight | ratio |`,
  );
  log('|---|---:|---:|---:|---:|---:|');
  for (const [adapter, { http, ws, wsSame }] of Object.entries(results)) {
    const [h, s, w] = [median(http), median(wsSame), median(ws)];
    log(`| ${adapter} | ${Math.round(h)}/s | ${Math.round(s)}/s | ${(s / h).toFixed(2)}× | ${Math.round(w)}/s | ${(w / h).toFixed(2)}× |`);
  }
  log(`\nload average at end ${loadavg().map(n => n.toFixed(2)).join(' ')}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
