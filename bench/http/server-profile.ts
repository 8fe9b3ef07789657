import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerSpec } from '../servers/server-catalog.js';
import { summarizeCpuProfile, type ProfileSummary } from '../report/cpu-profile.summary.js';
import { checkAnswers } from './answer-check.js';
import { runLoad, type LoadSettings } from './load-run.js';
import { ServerProcess } from './server-process.js';

/**
 * Where a server's time goes under load: the server runs under `--cpu-prof` (apart from the
 * measured rounds, since the profiler slows it); the profile it writes on exit is summarised
 * from the end of the warm-up on, so that start-up and JIT warm-up do not count.
 */
export async function profileServer(
  spec: ServerSpec,
  cpu: number | null,
  warmup: LoadSettings,
  load: LoadSettings,
  profileDir: string,
): Promise<ProfileSummary> {
  const dir = join(profileDir, `http-${spec.id}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const server = await ServerProcess.start(spec, { cpu, nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  let measuredFrom: number;
  try {
    await checkAnswers(server.url, spec.id);
    await runLoad(server.url, warmup);
    measuredFrom = (await server.clocks()).micros;
    await runLoad(server.url, load);
  } finally {
    await server.stop();
  }
  const [file] = readdirSync(dir).filter(name => name.endsWith('.cpuprofile'));
  if (!file) {
    throw new Error(`${spec.id} wrote no .cpuprofile in ${dir}`);
  }
  return summarizeCpuProfile(join(dir, file), measuredFrom);
}
