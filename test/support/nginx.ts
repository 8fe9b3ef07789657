import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    writeFileSync(join(dir, 'nginx.conf'), nginxConfig(port, upstreamPorts, dir));
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

/** The same upstream and location blocks docs/several-instances.md shows, with paths inside a temporary prefix. */
export function nginxConfig(port: number, upstreamPorts: number[], dir: string): string {
  const servers = upstreamPorts.map(upstream => `    server 127.0.0.1:${upstream} max_fails=0;`).join('\n');
  return `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')};
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${join(dir, 'body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
  map $http_upgrade $connection_upgrade {
    default upgrade;
    '' '';
  }
  upstream weerpc {
${servers}
    keepalive 32;
    keepalive_timeout 4s;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://weerpc;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 1h;
      proxy_next_upstream error timeout non_idempotent;
    }
  }
}
`;
}
