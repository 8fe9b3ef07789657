/**
 * `npm run bench:mcp -- --profile`: where an MCP `tools/call` spends the server's time. The bench
 * server runs under `--cpu-prof` (apart from the measured rounds: the profiler slows it), is warmed
 * up, then driven through the MCP door; the profile is summarised from the end of the warm-up on.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ServerProcess } from '../http/server-process.js';
import { summarizeCpuProfile, type ProfileSummary } from '../report/cpu-profile.summary.js';
import { originsLine, profileTable, toText } from '../report/table-report.js';
import type { BenchAdapter } from '../servers/nest-app.factory.js';
import { MCP_DOOR, measure } from './mcp-doors.js';

export async function profileMcpDoor(
  serverMain: string,
  adapter: BenchAdapter,
  cpu: number | null,
  connections: number,
  seconds: number,
  profileDir: string,
): Promise<ProfileSummary> {
  const dir = join(profileDir, `mcp-${adapter}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const server = await ServerProcess.spawn(`mcp bench server (${adapter}, profiled)`, [serverMain, adapter], {
    cpu,
    nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
  });
  let measuredFrom: number;
  try {
    await measure(server, MCP_DOOR, connections, 1);
    measuredFrom = (await server.clocks()).micros;
    await measure(server, MCP_DOOR, connections, seconds);
  } finally {
    await server.stop();
  }
  const [file] = readdirSync(dir).filter(name => name.endsWith('.cpuprofile'));
  if (!file) {
    throw new Error(`the mcp bench server (${adapter}) wrote no .cpuprofile in ${dir}`);
  }
  const summary = summarizeCpuProfile(join(dir, file), measuredFrom, 25);
  console.log(`\n${adapter}, MCP tools/call under --cpu-prof: ${originsLine(summary, 12)}\n${toText(profileTable(summary, 25))}`);
  return summary;
}
