/**
 * `npm run bench:mcp`: the same function on the same server, called as an MCP `tools/call` (one
 * stateless POST to /rpc/mcp, answered as plain JSON) and as a JSON-RPC 2.0 call (a POST
 * to /rpc), at the same connections; calls/s and the server's CPU µs per call, per adapter.
 * `--rounds N --duration S --connections C`. Writes bench/results/mcp-latest.json. `--profile`:
 * where the MCP call spends the server's time instead (bench/mcp/mcp-profile.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pinLoadGenerator } from '../http/cpu-pinning.js';
import { ServerProcess } from '../http/server-process.js';
import type { BenchAdapter } from '../servers/nest-app.factory.js';
import { DOORS, measure, type Door, type Sample } from './mcp-doors.js';
import { profileDoor } from './mcp-profile.js';

const SERVER_MAIN = fileURLToPath(new URL('./mcp-server.main.js', import.meta.url));
const RESULTS = fileURLToPath(new URL('../../../bench/results/mcp-latest.json', import.meta.url));
const PROFILES_DIR = fileURLToPath(new URL('../../../bench/results/profiles/', import.meta.url));

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '3' },
      duration: { type: 'string', default: '3' },
      connections: { type: 'string', default: '10' },
      profile: { type: 'boolean', default: false },
    },
  });
  const rounds = Number(values.rounds);
  const seconds = Number(values.duration);
  const connections = Number(values.connections);
  const pinning = pinLoadGenerator();
  if (values.profile) {
    // Profiles only: the measured rounds are left alone (bench/results/mcp-latest.json is not written).
    for (const adapter of ['express', 'fastify'] as BenchAdapter[]) {
      for (const door of DOORS) {
        await profileDoor(SERVER_MAIN, adapter, door, pinning.serverCpu, connections, seconds, PROFILES_DIR);
      }
    }
    return;
  }
  const loadBefore = loadavg();
  const report: Record<string, unknown>[] = [];
  for (const adapter of ['express', 'fastify'] as BenchAdapter[]) {
    const samples: Record<Door['name'], Sample[]> = { mcp: [], jsonrpc: [] };
    for (let round = 0; round < rounds; round++) {
      const server = await ServerProcess.spawn(`mcp bench server (${adapter})`, [SERVER_MAIN, adapter], { cpu: pinning.serverCpu });
      try {
        const order = round % 2 === 0 ? DOORS : [...DOORS].reverse();
        for (const door of order) {
          await measure(server, door, connections, 1); // warm-up
        }
        for (const door of order) {
          samples[door.name].push(await measure(server, door, connections, seconds));
        }
      } finally {
        await server.stop();
      }
    }
    const mcpRate = median(samples.mcp.map(s => s.callsPerSec));
    const rpcRate = median(samples.jsonrpc.map(s => s.callsPerSec));
    const mcpCpu = median(samples.mcp.map(s => s.cpuMicrosPerCall));
    const rpcCpu = median(samples.jsonrpc.map(s => s.cpuMicrosPerCall));
    report.push({ adapter, samples, mcpRate, rpcRate, ratio: mcpRate / rpcRate, mcpCpu, rpcCpu, cpuBoundRatio: rpcCpu / mcpCpu });
    console.log(
      `${adapter}: JSON-RPC ${rpcRate.toFixed(0)} calls/s (${rpcCpu.toFixed(1)} µs CPU/call), MCP tools/call ${mcpRate.toFixed(0)} calls/s ` +
        `(${mcpCpu.toFixed(1)} µs CPU/call): ${(mcpRate / rpcRate).toFixed(2)}× (CPU-bound ${(rpcCpu / mcpCpu).toFixed(2)}×)`,
    );
  }
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    rounds,
    seconds,
    connections,
    pinning: pinning.note,
    loadBefore,
    loadAfter: loadavg(),
    report,
  };
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `load average before ${loadBefore.map(n => n.toFixed(2)).join(' ')}, after ${result.loadAfter.map(n => n.toFixed(2)).join(' ')}; ${pinning.note}`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
