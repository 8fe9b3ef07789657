import type { SocketExchange } from './raw-socket.js';

/** Every failure message docs/protocol.md lets an endpoint send (besides `Unauthorized (<host>)`). */
export const PROTOCOL_FAILURES = new Set([
  'No functions registered.',
  'Unauthorized.',
  'Request must be JSON.',
  'Request must not be empty.',
  'Invalid request.',
  'Invalid weerpc version.',
  'Invalid function.',
  'Invalid data.',
  'Unsuccessful command execution.',
  'Internal server error.',
  'Request too large.',
  'Request timed out.',
]);

export interface WeeRpcAnswer {
  status: number;
  weerpc: number;
  ok: boolean;
  message: string | null;
  data: unknown;
}

/** The failures that travel with a status other than 200. */
const FAILURE_STATUS: Record<string, number> = {
  'Request too large.': 413,
  'Request timed out.': 408,
  'Internal server error.': 500,
};

const STACK_TRACE = /\n\s+at |\bat .+:\d+:\d+\)|node_modules|\.[cm]?[jt]s:\d+/;

/**
 * Throws unless `exchange` is a well-formed weeRPC answer with a status docs/protocol.md allows:
 * JSON content type, exactly `{ weerpc: 1.1, ok, message, data }`, 200 (413 only for
 * `Request too large.`, 408 only for `Request timed out.`, 500 only for `Internal server error.`), and a failure that names a
 * protocol message and carries no stack trace or internal detail.
 */
export function expectWeeRpcAnswer(exchange: SocketExchange): WeeRpcAnswer {
  const where = `status ${exchange.status}, body ${exchange.body.slice(0, 300)}`;
  if (exchange.status === null) {
    throw new Error('the server closed the connection without an answer');
  }
  if (!/^application\/json\b/i.test(exchange.headers['content-type'] ?? '')) {
    throw new Error(`not a JSON answer (${exchange.headers['content-type']}): ${where}`);
  }
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(exchange.body) as Record<string, unknown>;
  } catch {
    throw new Error(`the answer body is not JSON: ${where}`);
  }
  const keys = Object.keys(body ?? {})
    .sort()
    .join(',');
  if (keys !== 'data,message,ok,weerpc' || body.weerpc !== 1.1 || typeof body.ok !== 'boolean') {
    throw new Error(`not a weeRPC 1.1 envelope: ${where}`);
  }
  const { ok, message, data } = body as { ok: boolean; message: unknown; data: unknown };
  if (message !== null && typeof message !== 'string') {
    throw new Error(`message is neither a string nor null: ${where}`);
  }
  const expectedStatus = ok ? 200 : (FAILURE_STATUS[message as string] ?? 200);
  if (exchange.status !== expectedStatus) {
    throw new Error(`status ${exchange.status} where docs/protocol.md allows ${expectedStatus}: ${where}`);
  }
  if (!ok) {
    if (typeof message !== 'string' || !(PROTOCOL_FAILURES.has(message) || /^Unauthorized \(.*\)$/s.test(message))) {
      throw new Error(`a failure message outside the protocol: ${where}`);
    }
    const dataAllowed = data === null || (message === 'Invalid data.' && Array.isArray(data));
    if (!dataAllowed || STACK_TRACE.test(exchange.body)) {
      throw new Error(`a failure carries detail it should not: ${where}`);
    }
  }
  return { status: exchange.status, weerpc: 1.1, ok, message, data };
}
