import type { RpcRetryOptions, RpcTransportOptions } from './rpc-transport.options.js';

/** The statuses that say "try again later": the server is busy (503) or the caller too fast (429). */
const RETRY_STATUSES = new Set([429, 503]);

/**
 * When and how long to wait before trying a POST again (the `retry` option, defaults filled in).
 * Over HTTP only: a socket's calls are not retried, its reconnect has its own back-off.
 */
export class RetryPolicy {
  private constructor(
    /** Further attempts after the first. */
    readonly retries: number,
    private readonly delay: number,
    private readonly maxDelay: number,
  ) {}

  /** The policy of a client's `retry` option; `undefined` when retrying is off (the default). */
  static of(option: RpcTransportOptions['retry']): RetryPolicy | undefined {
    if (!option) {
      return undefined;
    }
    const given: RpcRetryOptions = option === true ? {} : option;
    return new RetryPolicy(given.retries ?? 2, given.delay ?? 250, given.maxDelay ?? 10_000);
  }

  /** Whether an answer with this status is worth another attempt. */
  retriesStatus(status: number): boolean {
    return RETRY_STATUSES.has(status);
  }

  /** The wait before the attempt after `attempt` (0 for the first): what `Retry-After` says, else the doubling back-off. */
  waitAfter(attempt: number, retryAfterHeader?: string | null): number {
    return this.retryAfter(retryAfterHeader) ?? Math.min(this.maxDelay, this.delay * 2 ** attempt);
  }

  /** `Retry-After` in seconds or as an HTTP date (RFC 9110), capped at `maxDelay`. */
  private retryAfter(header: string | null | undefined): number | undefined {
    if (header === null || header === undefined || header.trim() === '') {
      return undefined;
    }
    const seconds = Number(header);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
    return Number.isNaN(ms) ? undefined : Math.min(this.maxDelay, Math.max(0, ms));
  }
}
