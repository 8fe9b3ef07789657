import type { INestApplication } from '@nestjs/common';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { HostileAppModule, SMALL_LIMIT } from '../fixtures/hostile.fixture.js';
import { createAdapterApp, HTTP_ADAPTERS, portOf } from '../support/adapters.js';
import { FUZZ_SEED } from '../support/fuzz-config.js';
import { seededRandom } from '../support/seeded-random.js';

/**
 * Hostile and good requests mixed on a few keep-alive sockets, as a browser or a proxy would send
 * them. Every good request must get its HTTP answer: no client-side retry hides a hang-up.
 *
 * What correct HTTP/1.1 behaviour is here (RFC 9112 §9.3, §9.6): a server that will not read the
 * rest of a body must say `Connection: close` on its answer and then close; a client must not send
 * another request on that connection. node:http's Agent honours that (a `Connection: close`
 * answer takes the socket out of the pool). So a good request that dies on a reused socket is the
 * server's fault, unless the previous answer on that very socket said `Connection: close`: that
 * one would be the client's fault, and is counted apart (it should stay 0 with node:http).
 * Replay a run with `FUZZ_SEED=<seed> npx jest test/hardening/keepalive-load`.
 */
const REQUESTS = Number(process.env.LOAD_REQUESTS ?? 3000);
const SOCKETS = 4;
/** Requests in flight at once: more than sockets, so freed sockets are taken at once by queued ones. */
const IN_FLIGHT = 10;
const DRAIN_LIMIT = SMALL_LIMIT * 8;

type Kind =
  | 'good'
  | 'good-small'
  | 'malformed-json'
  | 'wrong-content-type'
  | 'oversized-drained'
  | 'oversized-declared'
  | 'oversized-chunked-drained'
  | 'oversized-chunked'
  | 'truncated-aborted';

/** Kinds and weights: about a third good. */
const KINDS: [Kind, number][] = [
  ['good', 25],
  ['good-small', 10],
  ['malformed-json', 12],
  ['wrong-content-type', 10],
  ['oversized-drained', 10],
  ['oversized-declared', 10],
  ['oversized-chunked-drained', 8],
  ['oversized-chunked', 8],
  ['truncated-aborted', 7],
];

interface Planned {
  index: number;
  kind: Kind;
  path: string;
  headers: Record<string, string | number>;
  /** Written in this many pieces (chunked when no Content-Length). */
  pieces: Buffer[];
  /** Destroy the request after writing the pieces (a client that gives up mid-body). */
  abort: boolean;
  /** For good requests: the data the echo must return. */
  expected?: string;
}

interface Result {
  planned: Planned;
  status: number | null;
  body: string;
  headers: IncomingHttpHeaders;
  error?: string;
  /** What the previous answer on the socket this request went on said in `Connection`. */
  previousConnection?: string;
  reusedSocket: boolean;
}

function plan(random: () => number, total: number): Planned[] {
  const weightSum = KINDS.reduce((sum, [, weight]) => sum + weight, 0);
  const pick = (): Kind => {
    let roll = random() * weightSum;
    for (const [kind, weight] of KINDS) {
      roll -= weight;
      if (roll < 0) {
        return kind;
      }
    }
    return 'good';
  };
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const json = { 'content-type': 'application/json' };
  const split = (bytes: Buffer, count: number) => {
    const size = Math.ceil(bytes.length / count);
    return Array.from({ length: count }, (_, i) => bytes.subarray(i * size, (i + 1) * size)).filter(piece => piece.length > 0);
  };
  return Array.from({ length: total }, (_, index): Planned => {
    const kind = pick();
    switch (kind) {
      case 'good':
      case 'good-small': {
        const data = JSON.stringify({ index, text: 'x'.repeat(int(0, kind === 'good' ? 2000 : 1000)) });
        const bytes = Buffer.from(`{"weerpc":1.1,"function":"echo","data":${data}}`);
        const path = kind === 'good' ? '/rpc' : '/rpc/small';
        return {
          index,
          kind,
          path,
          headers: { ...json, 'content-length': bytes.length },
          pieces: split(bytes, int(1, 3)),
          abort: false,
          expected: data,
        };
      }
      case 'malformed-json': {
        const text = `{"weerpc":1.1,"function":"echo","data":{"index":${index},"text":"${'y'.repeat(int(0, 300))}"}}`;
        const bytes = Buffer.from(text.slice(0, int(1, text.length - 1)));
        return { index, kind, path: '/rpc', headers: { ...json, 'content-length': bytes.length }, pieces: [bytes], abort: false };
      }
      case 'wrong-content-type': {
        const bytes = Buffer.from(`{"weerpc":1.1,"function":"echo","data":${index}}`);
        const type = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx'][int(0, 3)];
        return { index, kind, path: '/rpc', headers: { 'content-type': type, 'content-length': bytes.length }, pieces: [bytes], abort: false };
      }
      case 'oversized-drained':
      case 'oversized-declared': {
        const length = kind === 'oversized-drained' ? int(SMALL_LIMIT + 1, DRAIN_LIMIT) : int(DRAIN_LIMIT + 1, DRAIN_LIMIT * 4);
        const bytes = Buffer.alloc(length, 0x20);
        return { index, kind, path: '/rpc/small', headers: { ...json, 'content-length': length }, pieces: split(bytes, int(1, 4)), abort: false };
      }
      case 'oversized-chunked-drained':
      case 'oversized-chunked': {
        const length = kind === 'oversized-chunked-drained' ? int(SMALL_LIMIT + 1, DRAIN_LIMIT - 1) : int(DRAIN_LIMIT + 1, DRAIN_LIMIT * 4);
        const bytes = Buffer.alloc(length, 0x20);
        return { index, kind, path: '/rpc/small', headers: { ...json }, pieces: split(bytes, int(2, 8)), abort: false };
      }
      case 'truncated-aborted': {
        const bytes = Buffer.from(`{"weerpc":1.1,"function":"echo","data":"${'z'.repeat(int(10, 500))}"}`);
        const sent = bytes.subarray(0, int(0, bytes.length - 1));
        return { index, kind, path: '/rpc', headers: { ...json, 'content-length': bytes.length }, pieces: [sent], abort: true };
      }
    }
  });
}

/** What the last answer on each socket said in `Connection`, and how many answers it carried. */
const socketHistory = new WeakMap<Socket, { connection?: string; answers: number }>();

function send(port: number, agent: Agent, planned: Planned): Promise<Result> {
  return new Promise(resolve => {
    let settled = false;
    const result: Result = { planned, status: null, body: '', headers: {}, reusedSocket: false };
    const settle = (error?: Error) => {
      if (settled) {
        return;
      }
      settled = true;
      if (error && result.status === null) {
        result.error = (error as NodeJS.ErrnoException).code ?? error.message;
      }
      resolve(result);
    };
    const outgoing = request({ host: '127.0.0.1', port, path: planned.path, method: 'POST', agent, headers: planned.headers });
    outgoing.on('socket', socket => {
      const history = socketHistory.get(socket);
      result.reusedSocket = outgoing.reusedSocket;
      result.previousConnection = history?.connection;
    });
    outgoing.on('response', response => {
      result.status = response.statusCode ?? null;
      result.headers = response.headers;
      const history = socketHistory.get(outgoing.socket!) ?? { answers: 0 };
      history.connection = response.headers.connection;
      history.answers++;
      socketHistory.set(outgoing.socket!, history);
      const chunks: Buffer[] = [];
      response.on('data', chunk => chunks.push(chunk));
      response.on('end', () => {
        result.body = Buffer.concat(chunks).toString('utf8');
        settle();
      });
      response.on('error', settle);
      response.on('aborted', () => settle(new Error('response aborted')));
    });
    outgoing.on('error', settle);
    outgoing.on('close', () => settle(new Error('closed without an answer')));
    for (const piece of planned.pieces) {
      outgoing.write(piece);
    }
    if (planned.abort) {
      setImmediate(() => outgoing.destroy());
    } else {
      outgoing.end();
    }
  });
}

async function runLoad(port: number, requests: Planned[]): Promise<Result[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: SOCKETS });
  const results: Result[] = new Array(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const planned = requests[next++];
      results[planned.index] = await send(port, agent, planned);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  agent.destroy();
  return results;
}

const isGood = (kind: Kind) => kind === 'good' || kind === 'good-small';

describe.each(HTTP_ADAPTERS)('keep-alive sockets under hostile load (%s)', adapter => {
  let app: INestApplication;
  let port: number;

  beforeAll(async () => {
    app = await createAdapterApp(adapter, HostileAppModule);
    port = portOf(app);
  });
  afterAll(() => app.close());

  it(`answers every good request among ${REQUESTS} mixed ones`, async () => {
    const requests = plan(seededRandom(FUZZ_SEED), REQUESTS);
    const started = Date.now();
    const results = await runLoad(port, requests);
    const elapsed = Date.now() - started;

    const tally: Record<string, Record<string, number>> = {};
    for (const { planned, status, error } of results) {
      const outcome = status === null ? `error ${error}` : String(status);
      tally[planned.kind] ??= {};
      tally[planned.kind][outcome] = (tally[planned.kind][outcome] ?? 0) + 1;
    }
    process.stderr.write(`[load] ${adapter}: ${REQUESTS} requests in ${elapsed} ms, FUZZ_SEED=${FUZZ_SEED}\n${JSON.stringify(tally)}\n`);

    const unanswered = results.filter(result => isGood(result.planned.kind) && result.status === null);
    // Sent on a socket whose previous answer announced its close: the client's fault, not the server's.
    const clientFault = unanswered.filter(result => result.previousConnection === 'close');
    const describeResult = (result: Result) => ({
      index: result.planned.index,
      kind: result.planned.kind,
      error: result.error,
      reusedSocket: result.reusedSocket,
      previousConnection: result.previousConnection ?? null,
      before: results[result.planned.index - 1]?.planned.kind,
    });
    expect({ seed: FUZZ_SEED, clientFault: clientFault.map(describeResult) }).toEqual({ seed: FUZZ_SEED, clientFault: [] });
    expect({ seed: FUZZ_SEED, unanswered: unanswered.map(describeResult) }).toEqual({ seed: FUZZ_SEED, unanswered: [] });

    for (const result of results.filter(result => isGood(result.planned.kind))) {
      expect({ index: result.planned.index, status: result.status, body: result.body }).toEqual({
        index: result.planned.index,
        status: 200,
        body: `{"weerpc":1.1,"ok":true,"message":null,"data":${result.planned.expected}}`,
      });
    }
    // Small hostile bodies are read whole: they get their weeRPC answer too, and keep the socket.
    for (const result of results.filter(result => ['malformed-json', 'wrong-content-type'].includes(result.planned.kind))) {
      expect({ index: result.planned.index, status: result.status, body: result.body }).toEqual({
        index: result.planned.index,
        status: 200,
        body: '{"weerpc":1.1,"ok":false,"message":"Request must be JSON.","data":null}',
      });
    }
    // A drained oversized body is answered 413 and the connection stays usable.
    for (const result of results.filter(result => result.planned.kind.endsWith('-drained'))) {
      expect({ index: result.planned.index, status: result.status, connection: result.headers.connection }).toEqual({
        index: result.planned.index,
        status: 413,
        connection: 'keep-alive',
      });
    }
    // One not worth draining, when answered at all, says the connection closes.
    for (const result of results.filter(result => ['oversized-declared', 'oversized-chunked'].includes(result.planned.kind))) {
      if (result.status !== null) {
        expect({ index: result.planned.index, status: result.status, connection: result.headers.connection }).toEqual({
          index: result.planned.index,
          status: 413,
          connection: 'close',
        });
      }
    }
  }, 60_000);
});

/** Chunked-encoding bytes of `size` spaces, in chunks of 4 000. */
function chunked(size: number): Buffer {
  const parts: Buffer[] = [];
  for (let sent = 0; sent < size; sent += 4000) {
    const length = Math.min(4000, size - sent);
    parts.push(Buffer.from(`${length.toString(16)}\r\n`), Buffer.alloc(length, 0x20), Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

/** Waits until `text()` holds a whole answer head, or the socket closed, or `ms` passed. */
async function headOf(text: () => string, closed: () => boolean, ms: number): Promise<string | null> {
  for (let waited = 0; waited < ms; waited += 10) {
    const split = text().indexOf('\r\n\r\n');
    if (split !== -1) {
      return text().slice(0, split);
    }
    if (closed()) {
      return null;
    }
    await sleep(10);
  }
  return null;
}

/**
 * A body the server stopped reading, replayed step by step. A chunked body crosses 8 × bodyLimit:
 * reading stops (the request stream is paused). The rest of the body and its end arrive while
 * something of the app's (an async hook here, a busy event loop under load) still delays the
 * answer; Node's parser reads them into the paused stream, and the request turns `complete`.
 * The answer used to decide keep-alive or close from `complete`, so on Fastify (whose hooks run
 * between the body parser and the handler) the same request was answered `Connection: close` or
 * keep-alive depending on timing, the latter with the paused stream holding the unread rest.
 * Whether a connection is reused must not depend on a race: a body not read to its end closes it.
 */
describe.each(HTTP_ADAPTERS)('a body given up half-way, on a keep-alive socket (%s)', adapter => {
  let app: INestApplication;
  let port: number;

  beforeAll(async () => {
    app = await createAdapterApp(adapter, HostileAppModule, {
      session: false,
      configure: app => {
        const slowHook = () => sleep(100);
        if (adapter === 'fastify') {
          app.getHttpAdapter().getInstance().addHook('preHandler', slowHook);
        } else {
          app.use((_request: unknown, _response: unknown, next: () => void) => void slowHook().then(next));
        }
      },
    });
    port = portOf(app);
  });
  afterAll(() => app.close());

  it('is answered with Connection: close, even when the rest of it arrived before the answer', async () => {
    const socket = connect({ host: '127.0.0.1', port });
    let text = '';
    let closed = false;
    socket.on('data', chunk => (text += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => (closed = true));
    const body = chunked(DRAIN_LIMIT + 40_000);
    const crossing = body.indexOf('\r\n', DRAIN_LIMIT + 4200) + 2; // a chunk boundary past the drain limit
    socket.write(`POST /rpc/small HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
    socket.write(body.subarray(0, crossing));
    await sleep(30); // the server gave up reading; its answer waits for the slow hook
    socket.write(Buffer.concat([body.subarray(crossing), Buffer.from('0\r\n\r\n')]));
    const head = await headOf(
      () => text,
      () => closed,
      3000,
    );
    expect(head).toMatch(/^HTTP\/1\.1 413 /);
    expect(head).toMatch(/\r\nconnection: close/i);
    // And the server closes it: nothing more is read from it, nothing more is answered on it.
    for (let waited = 0; waited < 3000 && !closed; waited += 10) {
      await sleep(10);
    }
    expect(closed).toBe(true);
    socket.destroy();
  });
});
