import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinnedCommand } from '../http/cpu-pinning.js';
import { summarizeCpuProfile, type ProfileSummary } from '../report/cpu-profile.summary.js';
import { DISPATCH_CASE_IDS, type DispatchCaseId } from './dispatch-case-ids.js';

const DISPATCH_MAIN = fileURLToPath(new URL('./dispatch.main.js', import.meta.url));

/** One case's in-process speed. */
export interface DispatchResult {
  readonly id: DispatchCaseId;
  readonly label: string;
  readonly callsPerSec: number;
  readonly nsPerCall: number;
}

/** Runs the dispatch benchmark in a child on `cpu`; with `profileDir`, under `--cpu-prof`. */
interface ChildOutput {
  cases: DispatchResult[];
  measuredFromMicros: number;
}

function runChild(cpu: number | null, seconds: number, cases: readonly DispatchCaseId[], profileDir?: string): Promise<ChildOutput> {
  const flags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const [command, args] = pinnedCommand(cpu, [...flags, DISPATCH_MAIN, String(seconds), cases.join(',')]);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', code => {
      if (code !== 0) {
        return reject(new Error(`the dispatch benchmark exited with code ${code}`));
      }
      resolve(JSON.parse(output) as ChildOutput);
    });
  });
}

/** Calls per second of each case, measured without a profiler. */
export async function runDispatchSuite(cpu: number | null, seconds: number): Promise<DispatchResult[]> {
  const untraced = await runChild(
    cpu,
    seconds,
    DISPATCH_CASE_IDS.filter(id => id !== 'traced'),
  );
  // A process of its own: the SDK's AsyncLocalStorage context manager turns on promise hooks,
  // which would slow every other case measured in the same process.
  const traced = await runChild(cpu, seconds, ['traced']);
  return [...untraced.cases, ...traced.cases];
}

/** Where one case's time goes: a separate run under `--cpu-prof`, summarised from its measured rounds on. */
export async function profileDispatchCase(cpu: number | null, seconds: number, id: DispatchCaseId, profileDir: string): Promise<ProfileSummary> {
  const dir = join(profileDir, `dispatch-${id}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const { measuredFromMicros } = await runChild(cpu, seconds, [id], dir);
  const [file] = readdirSync(dir).filter(name => name.endsWith('.cpuprofile'));
  if (!file) {
    throw new Error(`no .cpuprofile written in ${dir}`);
  }
  return summarizeCpuProfile(join(dir, file), measuredFromMicros);
}
