import { connect } from 'node:net';

/** What came back on one connection: an HTTP answer, or nothing before the server closed. */
export interface SocketExchange {
  /** `null` when the server closed the connection without answering. */
  status: number | null;
  headers: Record<string, string>;
  body: string;
  /** How long the exchange took, in ms. */
  elapsed: number;
}

export interface SocketExchangeOptions {
  /** Longer than this without the server closing counts as a hang (the exchange rejects). */
  timeoutMs?: number;
  /** Half-close the connection right after the last byte is written (a truncated upload). */
  endEarly?: boolean;
}

/**
 * Writes `head` (latin1, exactly as given, so any header byte Node accepts can be sent) and
 * `body` on a fresh connection, then collects everything until the server closes it. The head
 * should carry `Connection: close`. Unlike node:http, nothing is validated or rewritten here.
 */
export function socketExchange(
  port: number,
  head: string,
  body: Buffer,
  { timeoutMs = 5000, endEarly = false }: SocketExchangeOptions = {},
): Promise<SocketExchange> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms (a hang) for ${JSON.stringify(head.slice(0, 300))}`));
    }, timeoutMs);
    socket.on('data', chunk => chunks.push(chunk));
    // A reset while we still write (an oversized body refused early) is not an error of ours.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ ...parseAnswer(Buffer.concat(chunks)), elapsed: Date.now() - started });
    });
    socket.write(Buffer.from(head, 'latin1'));
    if (endEarly) {
      socket.end(body);
    } else {
      socket.write(body);
    }
  });
}

/** The request head for a POST with the given header lines (each `Name: value`). */
export function postHead(path: string, headerLines: string[], contentLength: number): string {
  return [`POST ${path} HTTP/1.1`, ...headerLines, `Content-Length: ${contentLength}`, 'Connection: close', '', ''].join('\r\n');
}

function parseAnswer(raw: Buffer): Omit<SocketExchange, 'elapsed'> {
  const split = raw.indexOf('\r\n\r\n');
  if (raw.length === 0 || split === -1) {
    return { status: null, headers: {}, body: '' };
  }
  const [statusLine, ...lines] = raw.subarray(0, split).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.subarray(split + 4);
  if (headers['content-length'] !== undefined) {
    body = body.subarray(0, Number(headers['content-length']));
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: body.toString('utf8') };
}
