import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** Where the server and the load generator run; `null` CPUs mean "not pinned". */
export interface CpuPinning {
  readonly serverCpu: number | null;
  readonly loadCpu: number | null;
  /** Why pinning is off, when it is. */
  readonly note: string;
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * With `taskset` (util-linux) and two CPUs or more, the server gets CPU 0 and this process (the
 * load generator, every thread of it) CPU 1, so that they never compete for one core.
 */
export function pinLoadGenerator(): CpuPinning {
  if (availableParallelism() < 2) {
    return { serverCpu: null, loadCpu: null, note: 'one CPU only: server and load generator share it' };
  }
  if (!hasTaskset()) {
    return { serverCpu: null, loadCpu: null, note: 'taskset not found (util-linux): not pinned' };
  }
  execFileSync('taskset', ['-a', '-cp', '1', String(process.pid)], { stdio: 'ignore' });
  return { serverCpu: 0, loadCpu: 1, note: 'server on CPU 0, load generator on CPU 1 (taskset)' };
}

/** The command that starts `node args` on `cpu` (or unpinned). */
export function pinnedCommand(cpu: number | null, args: string[]): [string, string[]] {
  return cpu === null ? [process.execPath, args] : ['taskset', ['-c', String(cpu), process.execPath, ...args]];
}
