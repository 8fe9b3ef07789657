import { Inject, Injectable, Optional, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { WeeRpcModuleOptions } from '../interfaces/weerpc-options.interface.js';
import { DEFAULT_DRAIN_TIMEOUT, WEERPC_MODULE_OPTIONS } from '../weerpc.constants.js';
import { BootstrapMessages } from '../weerpc.messages.js';
import type { RpcDrainParticipant } from './rpc-drain-participant.interface.js';

/**
 * The graceful drain of every surface when the application shuts down. Nest runs
 * `beforeApplicationShutdown` before it closes the HTTP server and the microservices, for
 * `app.close()` and for a signal with `app.enableShutdownHooks()` alike: from then on the module
 * is draining (the health indicator says down, answers say `Connection: close`, sockets refuse new
 * calls), and the hook resolves once each surface answered what it accepted, or `drainTimeout` ended.
 */
@Injectable()
export class WeeRpcDrain implements OnModuleInit, BeforeApplicationShutdown {
  /** Milliseconds of the drain window, checked at bootstrap. */
  readonly drainTimeout: number;
  private readonly participants = new Set<RpcDrainParticipant>();
  private draining = false;
  private drained?: Promise<void>;

  constructor(@Optional() @Inject(WEERPC_MODULE_OPTIONS) options: WeeRpcModuleOptions | null) {
    this.drainTimeout = options?.shutdown?.drainTimeout ?? DEFAULT_DRAIN_TIMEOUT;
  }

  /** At bootstrap, so that a bad option fails `app.init()` rather than the shutdown. */
  onModuleInit(): void {
    if (!(Number.isSafeInteger(this.drainTimeout) && this.drainTimeout >= 0)) {
      throw new Error(BootstrapMessages.invalidOption('shutdown.drainTimeout', 'a whole number of milliseconds, 0 or more'));
    }
  }

  /** Whether the application is shutting down: readiness is down, new work is turned away or told it is the last. */
  get isDraining(): boolean {
    return this.draining;
  }

  /** A surface to drain; one that registers during a drain is drained at once. */
  register(participant: RpcDrainParticipant): void {
    this.participants.add(participant);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.drain();
  }

  /** Drains every surface once; later calls wait for the same drain. */
  drain(): Promise<void> {
    this.drained ??= this.run();
    return this.drained;
  }

  private async run(): Promise<void> {
    this.draining = true;
    let timer: NodeJS.Timeout | undefined;
    const window = new Promise<void>(resolve => (timer = setTimeout(resolve, this.drainTimeout)));
    try {
      await Promise.all([...this.participants].map(participant => participant.drain(window)));
    } finally {
      clearTimeout(timer);
    }
  }
}
