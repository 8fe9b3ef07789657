import { cpus, loadavg, platform, release, totalmem, arch } from 'node:os';

/** The machine a run was made on, as the report shows it. */
export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly node: string;
  readonly os: string;
  readonly memoryGb: number;
  /** 1-minute load average when the run started: how busy the machine was besides us. */
  readonly loadAverageAtStart: number;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    node: process.version,
    os: `${platform()} ${release()} ${arch()}`,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    loadAverageAtStart: Math.round(loadavg()[0] * 100) / 100,
  };
}
