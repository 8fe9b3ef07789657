import { postHead, socketExchange, type SocketExchange, type SocketExchangeOptions } from './raw-socket.js';

export interface PostOptions extends SocketExchangeOptions {
  /** Header lines besides Content-Length and Connection; Host defaults to the server's address. */
  headers?: Record<string, string>;
  /** Content-Length to announce; defaults to the body's length. */
  contentLength?: number;
}

/** A POST of exactly these bytes and header values, on a fresh connection. */
export function post(port: number, path: string, body: Buffer | string, options: PostOptions = {}): Promise<SocketExchange> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const headers = { Host: `127.0.0.1:${port}`, 'Content-Type': 'application/json', ...options.headers };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return socketExchange(port, postHead(path, lines, options.contentLength ?? bytes.length), bytes, options);
}

/** A weeRPC 1.1 request as JSON text, with `data` given as JSON text. */
export const callText = (fn: string, dataText?: string) =>
  dataText === undefined ? `{"weerpc":1.1,"function":${JSON.stringify(fn)}}` : `{"weerpc":1.1,"function":${JSON.stringify(fn)},"data":${dataText}}`;
