/**
 * `npm run bench:mcp -- --profile`: where a call through each door spends the server's time (the
 * JSON-RPC one as the yardstick). The bench server runs under `--cpu-prof` (apart from the measured
 * rounds: the profiler slows it), is warmed up, then driven through one door; the profile is
 * summarised from the end of the warm-up on.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ServerProcess } from '../http/server-process.js';
import { summarizeCpuProfile, type ProfileSummary } from '../report/cpu-profile.summary.js';
import { originsLine, profileTable, toText } from '../report/table-report.js';
import type { BenchAdapter } from '../servers/nest-app.factory.js';
import { measure, type Door } from './mcp-doors.js';

export async function profileDoor(
  serverMain: string,
  adapter: BenchAdapter,
  door: Door,
  cpu: number | null,
  connections: number,
  seconds: number,
  profileDir: string,
): Promise<ProfileSummary> {
  const dir = join(profileDir, `mcp-bench-${adapter}-${door.name}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const server = await ServerProcess.spawn(`mcp bench server (${adapter}, profiled)`, [serverMain, adapter], {
    cpu,
    nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
  });
  let measuredFrom: number;
  try {
    await measure(server, door, connections, 1);
    measuredFrom = (await server.clocks()).micros;
    await measure(server, door, connections, seconds);
  } finally {
    await server.stop();
  }
  const [file] = readdirSync(dir).filter(name => name.endsWith('.cpuprofile'));
  if (!file) {
    throw new Error(`the mcp bench server (${adapter}) wrote no .cpuprofile in ${dir}`);
  }
  const summary = summarizeCpuProfile(join(dir, file), measuredFrom, 25);
  console.log(`\n${adapter}, ${door.name} under --cpu-prof: ${originsLine(summary, 12)}\n${toText(profileTable(summary, 25))}`);
  return summary;
}
