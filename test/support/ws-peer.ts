import WebSocket from 'ws';

/** How a socket ended, as the client saw it. */
export interface CloseInfo {
  code: number;
  reason: string;
}

/**
 * A test client on a real socket: messages go out as given, answers are collected in order
 * (the server answers a socket's messages in the order they came).
 */
export class WsPeer {
  readonly answers: unknown[] = [];
  readonly closed: Promise<CloseInfo>;
  private waiters: { count: number; resolve: () => void }[] = [];
  /** How many answers the messages sent so far will bring. */
  private expected = 0;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', data => {
      this.answers.push(JSON.parse(String(data as Buffer)));
      this.waiters = this.waiters.filter(waiter => (this.answers.length >= waiter.count ? (waiter.resolve(), false) : true));
    });
    this.closed = new Promise(resolve => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** Opens a socket and waits for the handshake (a refused handshake rejects). */
  static open(url: string, headers: Record<string, string> = {}): Promise<WsPeer> {
    const socket = new WebSocket(url, { headers });
    const peer = new WsPeer(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(peer));
      socket.once('error', reject);
      socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    });
  }

  /**
   * Sends a message; `answers` is how many messages it brings: `false` for one the server does not
   * answer (a JSON-RPC notification), a number for a streamed call (its items and final answer).
   */
  send(message: unknown, answers: boolean | number = true): void {
    this.expected += typeof answers === 'number' ? answers : answers ? 1 : 0;
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Resolves once `count` answers in all have arrived. */
  until(count: number): Promise<unknown[]> {
    if (this.answers.length >= count) {
      return Promise.resolve(this.answers);
    }
    return new Promise(resolve => this.waiters.push({ count, resolve: () => resolve(this.answers) }));
  }

  /** Sends one message and resolves to its answer. */
  async call(message: unknown): Promise<unknown> {
    const index = this.expected;
    this.send(message);
    await this.until(index + 1);
    return this.answers[index];
  }

  close(): Promise<CloseInfo> {
    this.socket.close();
    return this.closed;
  }
}
