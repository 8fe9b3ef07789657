import { Agent, request } from 'node:http';
import type { SoakCall } from './soak-calls.js';

/** Sends soak calls over a keep-alive pool and checks every answer against its expectation. */
export class SoakClient {
  readonly mismatches: string[] = [];
  readonly outcomes: Record<string, number> = {};
  private readonly agent: Agent;
  private cookies: string[] = [];

  constructor(
    private readonly port: number,
    private readonly concurrency: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  }

  /** Opens `count` sessions, reused by the calls that want one (so the session store stays bounded). */
  async openSessions(count: number): Promise<void> {
    for (let index = 0; index < count; index++) {
      const answer = await this.send(Buffer.from('{"weerpc":1.1,"function":"remember","data":0}'), 'application/json');
      const cookie = answer.setCookie?.[0]?.split(';')[0];
      if (!cookie) {
        throw new Error('the soak app did not open a session');
      }
      this.cookies.push(cookie);
    }
  }

  /** Runs `total` calls, `concurrency` at a time; `pick(i)` chooses the i-th call. */
  async run(total: number, pick: (index: number) => SoakCall): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < total) {
        const index = next++;
        await this.one(pick(index), index);
      }
    };
    await Promise.all(Array.from({ length: this.concurrency }, worker));
  }

  private async one(call: SoakCall, index: number): Promise<void> {
    if (call.abort) {
      await this.abort(call.body);
      this.count('aborted');
      return;
    }
    const cookie = call.withSession ? this.cookies[index % this.cookies.length] : undefined;
    const answer = await this.send(call.body, call.contentType, cookie);
    let body: { ok?: unknown; message?: unknown } = {};
    try {
      body = JSON.parse(answer.text) as typeof body;
    } catch {
      // reported below as a mismatch
    }
    const { status, ok, message } = call.expect;
    const matches = answer.status === status && body.ok === ok && (message === undefined || body.message === message);
    this.count(`${answer.status}`);
    if (!matches) {
      this.mismatches.push(`${call.kind}: ${answer.status} ${answer.text.slice(0, 200)}`);
    }
  }

  private count(outcome: string): void {
    this.outcomes[outcome] = (this.outcomes[outcome] ?? 0) + 1;
  }

  private send(body: Buffer, contentType: string, cookie?: string) {
    return new Promise<{ status: number; text: string; setCookie?: string[] }>((resolve, reject) => {
      const headers: Record<string, string | number> = { 'Content-Type': contentType, 'Content-Length': body.length };
      if (cookie) {
        headers.Cookie = cookie;
      }
      const req = request({ host: '127.0.0.1', port: this.port, path: '/rpc', method: 'POST', agent: this.agent, headers }, res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), setCookie: res.headers['set-cookie'] }),
        );
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Announces the whole body, sends half of it on a connection of its own, and hangs up. */
  private abort(body: Buffer): Promise<void> {
    return new Promise(resolve => {
      const req = request({
        host: '127.0.0.1',
        port: this.port,
        path: '/rpc',
        method: 'POST',
        agent: false,
        headers: { 'Content-Type': 'application/json', 'Content-Length': body.length },
      });
      req.on('error', () => resolve());
      req.on('close', () => resolve());
      req.write(body.subarray(0, body.length / 2), () => setImmediate(() => req.destroy()));
    });
  }
}
