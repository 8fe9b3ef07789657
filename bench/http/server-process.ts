import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServerMessage } from '../servers/server-ipc.js';
import type { ServerSpec } from '../servers/server-catalog.js';
import { pinnedCommand } from './cpu-pinning.js';

const SERVER_MAIN = fileURLToPath(new URL('../servers/server.main.js', import.meta.url));
const START_TIMEOUT_MS = 30_000;

/** How to start a server child. */
export interface ServerLaunch {
  readonly cpu: number | null;
  /** Extra node flags (`--cpu-prof`, ...). */
  readonly nodeFlags?: readonly string[];
}

/** A server's clocks, in µs. */
export interface ServerClocks {
  readonly micros: number;
  readonly cpuMicros: number;
}

/** A started bench server, a child process of its own. */
export class ServerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/rpc`;
  }

  /** Starts `spec` and waits until it listens; rejects (loudly) when it fails to. */
  static start(spec: ServerSpec, launch: ServerLaunch): Promise<ServerProcess> {
    return ServerProcess.spawn(spec.id, [SERVER_MAIN, spec.id], launch);
  }

  /**
   * Starts `node script args` (a child speaking `serveOverIpc`), named `name` in errors, and
   * waits until it listens; rejects (loudly) when it fails to.
   */
  static spawn(name: string, scriptAndArgs: readonly string[], launch: ServerLaunch): Promise<ServerProcess> {
    const [command, args] = pinnedCommand(launch.cpu, [...(launch.nodeFlags ?? []), ...scriptAndArgs]);
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${name} did not start within ${START_TIMEOUT_MS / 1000}s`));
      }, START_TIMEOUT_MS);
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited with code ${code} before listening`));
      };
      child.once('exit', onExit);
      child.once('message', (message: ServerMessage) => {
        clearTimeout(timer);
        child.off('exit', onExit);
        if (message.type === 'listening') {
          resolve(new ServerProcess(child, message.port));
        } else {
          reject(new Error(`${name} sent ${JSON.stringify(message)} while starting`));
        }
      });
    });
  }

  /**
   * The server's monotonic clock (where a `--cpu-prof` profile of it should start counting) and
   * the CPU time it has used so far, both in µs.
   */
  clocks(): Promise<ServerClocks> {
    return new Promise(resolve => {
      const onMessage = (message: ServerMessage) => {
        if (message.type === 'clocks') {
          this.child.off('message', onMessage);
          resolve({ micros: message.micros, cpuMicros: message.cpuMicros });
        }
      };
      this.child.on('message', onMessage);
      this.child.send('clocks');
    });
  }

  /** Stops the server; resolves its peak RSS in bytes, once the process has exited. */
  stop(): Promise<number> {
    return new Promise((resolve, reject) => {
      let peakRss = 0;
      this.child.on('message', (message: ServerMessage) => {
        if (message.type === 'stopped') {
          peakRss = message.peakRssKb * 1024;
        }
      });
      this.child.once('exit', code => (code === 0 ? resolve(peakRss) : reject(new Error(`server exited with code ${code}`))));
      this.child.send('stop');
    });
  }
}
