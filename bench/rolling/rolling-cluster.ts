import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nginxConfig } from './nginx-config.js';

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
