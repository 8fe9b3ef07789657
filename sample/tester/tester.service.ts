import { BadRequestException, Injectable } from '@nestjs/common';
import { HostAuth, RpcFunction, RpcResponse, SessionAuth, type RpcResult } from 'nestjs-weerpc';
import { LOGGED_IN } from '../auth/logged-in.rule.js';
import { sampleHosts } from '../sample.config.js';

/** The data of `add_numbers`: no DTO can say "a list of numbers", so the schema says it. */
const NUMBERS = { type: 'array', items: { type: 'number' } };
/** The data and result of the `add_string` functions (no examples: OpenRPC test tools then try generated strings). */
const GREETING = { data: { type: 'string' }, result: { type: 'string' } };

/** The data of `count_to`. */
interface CountToData {
  /** 1 to 100. */
  n: number;
  /** Milliseconds between numbers, 0 to 5000; default 300. */
  delay?: number;
}

/** `count_to`'s data as a schema (an interface has no runtime metadata), and its collected answer. */
const COUNT_TO = {
  data: {
    type: 'object',
    properties: { n: { type: 'integer', minimum: 1, maximum: 100 }, delay: { type: 'integer', minimum: 0, maximum: 5000 } },
    required: ['n'],
    additionalProperties: false,
  },
  result: { type: 'array', items: { type: 'integer' } },
  // An example, so that OpenRPC test tools call it once, fast, rather than with generated delays.
  examples: [{ name: 'one to three', data: { n: 3, delay: 0 }, result: [1, 2, 3] }],
};

/**
 * The reference's tester functions on the root endpoint `/rpc`: plain data checks, and the
 * same function behind a session rule and behind a host list.
 */
@Injectable()
export class TesterService {
  constructor(private readonly rpc: RpcResponse) {}

  @RpcFunction({
    name: 'add_numbers',
    summary: 'Adds a list of numbers.',
    data: NUMBERS,
    result: { type: 'number' },
    examples: [{ name: 'one, two, three', data: [1, 2, 3], result: 6 }],
    mcp: { title: 'Add numbers', readOnly: true, idempotent: true },
  })
  addNumbers(data: unknown): RpcResult<number | { expected: string }> {
    if (!Array.isArray(data) || !data.every(item => typeof item === 'number')) {
      return this.rpc.fail('Invalid data type.', { expected: 'a list of numbers' });
    }
    return this.rpc.success(
      data.reduce((sum: number, item: number) => sum + item, 0),
      "Function 'add_numbers' executed successfully",
    );
  }

  @RpcFunction({ name: 'add_string', summary: 'Greets a name.', ...GREETING, mcp: { title: 'Greet', readOnly: true, idempotent: true } })
  addString(data: unknown) {
    return this.hello('add_string', data);
  }

  /** `add_string` for logged-in sessions only. */
  @RpcFunction({ name: 'add_string_auth_session', summary: '`add_string` for logged-in sessions only.', ...GREETING })
  @SessionAuth(LOGGED_IN)
  addStringAuthSession(data: unknown) {
    return this.hello('add_string_auth_session', data);
  }

  /** `add_string` for requests sent to `localhost:PORT` or `127.0.0.1:PORT` only. */
  @RpcFunction({ name: 'add_string_auth_host', summary: '`add_string` for requests sent to this machine only.', ...GREETING })
  @HostAuth(sampleHosts())
  addStringAuthHost(data: unknown) {
    return this.hello('add_string_auth_host', data);
  }

  /**
   * Streams 1 to `n`, `delay` ms apart: with `Accept: text/event-stream` each number is an event
   * as it is produced (the page shows them arriving); a plain call gets them all in one array.
   */
  @RpcFunction({
    name: 'count_to',
    summary: 'Streams 1 to n (Accept: text/event-stream), or answers them in one array.',
    ...COUNT_TO,
    // Over MCP, each number is a progress notification when the agent asks for progress.
    mcp: { title: 'Count to n', readOnly: true, idempotent: true },
  })
  async *countTo(data: CountToData | null): AsyncGenerator<number, string> {
    const n = data?.n;
    const delay = data?.delay ?? 300;
    if (!Number.isInteger(n) || n! < 1 || n! > 100 || !Number.isInteger(delay) || delay < 0 || delay > 5000) {
      throw new BadRequestException('count_to takes { n: 1..100, delay?: 0..5000 ms }.');
    }
    for (let i = 1; i <= n!; i++) {
      await new Promise(resolve => setTimeout(resolve, delay));
      yield i;
    }
    return `Counted to ${n}.`;
  }

  private hello(name: string, data: unknown): RpcResult<string | { expected: string }> {
    if (typeof data !== 'string') {
      return this.rpc.fail('Invalid data type.', { expected: 'a string' });
    }
    return this.rpc.success(`Hello ${data}!`, `Function '${name}' executed successfully`);
  }
}
