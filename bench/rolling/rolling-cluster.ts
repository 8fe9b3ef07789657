import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The built sample (`npm run build:sample`), started as `npm start` starts it; npm scripts and jest run at the repository's root. */
export const SAMPLE_MAIN = join(process.cwd(), 'dist-sample', 'main.js');
const SECRET = 'a rolling-restart secret of at least 32 characters';

/**
 * What `npm run soak:rolling` runs on: a redis-server (sessions), two sample instances on Express
 * with Redis sessions, and nginx in front with docs/several-instances.md's configuration. An
 * instance restarts as a rolling deploy restarts it: SIGTERM, its drain, its exit, a new process on
 * the same port, ready once `GET /health` says up.
 */
export class RollingCluster {
  private readonly instances: (ChildProcess | undefined)[] = [];
  private redis?: ChildProcess;
  private nginx?: ChildProcess;
  private readonly dir = mkdtempSync(join(tmpdir(), 'weerpc-rolling-'));
  private redisPort = 0;
  private readonly ports: number[] = [];
  /** nginx's port: the one the clients call. */
  port = 0;

  async start(): Promise<void> {
    this.redisPort = await freePort();
    this.redis = spawn('redis-server', ['--port', String(this.redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await waitFor(() => accepts(this.redisPort), 'redis-server');
    for (let index = 0; index < 2; index++) {
      this.ports.push(await freePort());
      await this.startInstance(index);
    }
    this.port = await freePort();
    writeFileSync(join(this.dir, 'nginx.conf'), nginxConfig(this.port, this.ports, this.dir));
    this.nginx = spawn('/usr/sbin/nginx', ['-p', this.dir, '-c', join(this.dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
    await waitFor(() => accepts(this.port), 'nginx');
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** SIGTERM to instance `index`; resolves once a new process on its port is ready. */
  async restart(index: number): Promise<void> {
    const old = this.instances[index]!;
    const exited = new Promise(resolve => old.once('exit', resolve));
    old.kill('SIGTERM');
    await exited;
    await this.startInstance(index);
  }

  async stop(): Promise<void> {
    const children = [this.nginx, ...this.instances, this.redis].filter(
      (child): child is ChildProcess => child !== undefined && child.exitCode === null,
    );
    await Promise.all(
      children.map(child => {
        const exited = new Promise(resolve => child.once('exit', resolve));
        child.kill('SIGTERM');
        return exited;
      }),
    );
    if (process.env.SOAK_KEEP_FILES) {
      console.log(`kept ${this.dir} (nginx's error.log)`);
    } else {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  private async startInstance(index: number): Promise<void> {
    const env = {
      ...process.env,
      PORT: String(this.ports[index]),
      SESSION_STORE: 'redis',
      REDIS_URL: `redis://127.0.0.1:${this.redisPort}`,
      SESSION_SECRET: SECRET,
      DATA_DIR: join(this.dir, 'data'),
    };
    this.instances[index] = spawn(process.execPath, [SAMPLE_MAIN], { env, stdio: 'ignore' });
    await waitFor(() => ready(this.ports[index]), `sample instance ${index + 1}`);
  }
}

/** docs/several-instances.md's nginx configuration, with its paths in `dir`. */
function nginxConfig(port: number, upstreams: number[], dir: string): string {
  const servers = upstreams.map(upstream => `    server 127.0.0.1:${upstream} max_fails=0;`).join('\n');
  return `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')};
events { worker_connections 1024; }
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

async function ready(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health`)).status === 200;
  } catch {
    return false;
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`${what} did not start within ${ms / 1000} s`);
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

function freePort(): Promise<number> {
  return new Promise(resolve => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
