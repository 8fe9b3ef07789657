import { Inject, Injectable } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import type { WeeRpcTransportError } from 'nestjs-weerpc/microservices';
import { firstValueFrom, lastValueFrom, throwError, timeout, toArray, type Observable } from 'rxjs';

/** The token of the Redis client (`ClientsModule.register([{ name: SAMPLE_OVER_REDIS, ... }])`). */
export const SAMPLE_OVER_REDIS = 'SAMPLE_OVER_REDIS';

/** The token of the caller's settings. */
export const REDIS_CALLER_OPTIONS = 'REDIS_CALLER_OPTIONS';

/** Where the caller finds the sample, and how long it waits for Redis and for each answer. */
export interface RedisCallerOptions {
  redisUrl: string;
  timeoutMs: number;
}

/** What a call got back: the function's data, or the weeRPC message and data of its failure. */
export type RedisCallOutcome = { ok: true; data: unknown } | { ok: false; message: string | null; data: unknown };

/**
 * Calls the sample's `/rpc` functions over Redis with Nest's `ClientProxy.send(name, data)`.
 * A function's failure comes back as the error `{ status: 'error', message, data }` (an
 * `RpcException`'s shape, with the weeRPC message); silence is an error after `timeoutMs`, so a
 * sample that is not listening never leaves the caller hanging.
 */
@Injectable()
export class SampleOverRedis {
  constructor(
    @Inject(SAMPLE_OVER_REDIS) private readonly client: ClientProxy,
    @Inject(REDIS_CALLER_OPTIONS) private readonly options: RedisCallerOptions,
  ) {}

  /** Connects to Redis, or fails with the reason within `timeoutMs`. */
  async connect(): Promise<void> {
    const { redisUrl, timeoutMs } = this.options;
    let timer: NodeJS.Timeout | undefined;
    const tooLate = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no connection within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.client.connect(), tooLate]);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Cannot reach Redis at ${redisUrl} (${reason}): is redis-server running there?`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Calls the function `name` with `data` (Nest's clients refuse `undefined`: send `{}` for none). */
  call(name: string, data: unknown): Promise<RedisCallOutcome> {
    return this.settle(name, data, replies => firstValueFrom(replies));
  }

  /** Calls a streaming function: each item is a reply of its own, collected here until the stream completes. */
  items(name: string, data: unknown): Promise<RedisCallOutcome> {
    return this.settle(name, data, replies => lastValueFrom(replies.pipe(toArray())));
  }

  /** A call's outcome as `read` takes it from the replies; silence past `timeoutMs` is an error, a weeRPC failure an outcome. */
  private async settle(name: string, data: unknown, read: (replies: Observable<unknown>) => Promise<unknown>): Promise<RedisCallOutcome> {
    const { redisUrl, timeoutMs } = this.options;
    const noAnswer = () => new Error(`No answer to '${name}' within ${timeoutMs} ms: is the sample running with MICROSERVICE=redis on ${redisUrl}?`);
    try {
      return { ok: true, data: await read(this.client.send(name, data).pipe(timeout({ first: timeoutMs, with: () => throwError(noAnswer) }))) };
    } catch (error) {
      if (isWeeRpcFailure(error)) {
        return { ok: false, message: error.message, data: error.data };
      }
      throw error;
    }
  }
}

function isWeeRpcFailure(error: unknown): error is WeeRpcTransportError {
  return typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 'error' && 'message' in error;
}
