/**
 * The response an enhancer (or `@Res()`) gets for one call over a WebSocket, in place of an HTTP
 * response: what it writes — an exception filter's `res.status(418).json(body)` (Express),
 * `reply.code(418).send(body)` (Fastify), or Nest's `httpAdapter.reply(res, body, status)` — becomes
 * the call's message, as it would have been the HTTP answer. A socket has no status or headers: they
 * are kept for whoever reads them back, and not sent. `locals` is the upgrade response's, so values
 * the app's middleware left there are still found.
 */
export class WeeRpcWsCallResponse {
  statusCode = 200;
  /** The body written, once a writer ended the response. */
  private text?: string;
  /** Made on first use: most calls never write (one of these is made per call). */
  private chunks?: string[];
  private headers?: Map<string, unknown>;
  /** Fastify's `reply.raw` and Express's own methods end up here, too. */
  readonly raw = this;

  constructor(readonly locals: Record<string, unknown> = {}) {}

  /** The body a writer sent, or `undefined` when nobody wrote one. */
  get written(): string | undefined {
    return this.text;
  }

  /** Express's `headersSent`, Node's `writableEnded`, Fastify's `sent`. */
  get headersSent(): boolean {
    return this.text !== undefined;
  }

  get writableEnded(): boolean {
    return this.text !== undefined;
  }

  get sent(): boolean {
    return this.text !== undefined;
  }

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  code(code: number): this {
    return this.status(code);
  }

  header(name: string, value: unknown): this {
    (this.headers ??= new Map()).set(name.toLowerCase(), value);
    return this;
  }

  set(name: string, value: unknown): this {
    return this.header(name, value);
  }

  setHeader(name: string, value: unknown): this {
    return this.header(name, value);
  }

  append(name: string, value: unknown): this {
    return this.header(name, value);
  }

  type(value: string): this {
    return this.header('content-type', value);
  }

  getHeader(name: string): unknown {
    return this.headers?.get(name.toLowerCase());
  }

  get(name: string): unknown {
    return this.getHeader(name);
  }

  getHeaders(): Record<string, unknown> {
    return Object.fromEntries(this.headers ?? []);
  }

  writeHead(code: number): this {
    return this.status(code);
  }

  json(body: unknown): this {
    return this.end(JSON.stringify(body) ?? '');
  }

  send(body?: unknown): this {
    if (body === undefined || body === null) {
      return this.end('');
    }
    if (typeof body === 'string' || body instanceof Uint8Array) {
      return this.end(body);
    }
    return this.json(body);
  }

  write(chunk: string | Uint8Array): boolean {
    if (this.text === undefined) {
      (this.chunks ??= []).push(textOf(chunk));
    }
    return true;
  }

  /** The first end wins, as on an HTTP response. */
  end(chunk?: string | Uint8Array): this {
    if (this.text === undefined) {
      const chunks = this.chunks ?? [];
      if (chunk !== undefined) {
        chunks.push(textOf(chunk));
      }
      this.text = chunks.join('');
    }
    return this;
  }
}

function textOf(chunk: string | Uint8Array): string {
  return typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
}
