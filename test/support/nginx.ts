import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nginxConfig } from '../../bench/rolling/nginx-config.js';
import { freePort } from './free-port.js';
import { waitForPort } from './redis-server.js';

export const NGINX = '/usr/sbin/nginx';

/** A real nginx on a loopback port, round-robin in front of the given upstream ports. */
export class NginxBalancer {
  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly process: ChildProcess,
  ) {}

  static async start(upstreamPorts: number[]): Promise<NginxBalancer> {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'weerpc-nginx-'));
    writeFileSync(join(dir, 'nginx.conf'), nginxConfig(port, upstreamPorts, dir, 256));
    const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
    await waitForPort(port, true);
    return new NginxBalancer(port, dir, child);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    if (this.process.exitCode === null) {
      const exited = new Promise(resolve => this.process.once('exit', resolve));
      this.process.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
