import WebSocket from 'ws';
import { createWeeRpcClient, type WeeRpcClient } from '../../lib/client/index.js';

/** What the clients saw. */
export interface RollingCounts {
  /** Calls answered (a stream counts once, when its final event came). */
  calls: number;
  /** Calls that got a failure or a transport error the server did not vouch for. */
  failed: number;
  /** Calls that got no answer within the client's timeout. */
  lost: number;
  /** Calls the server said it did not run (`Server shutting down.`, or a 1001 close with calls waiting), sent again. */
  retried: number;
  /** A few of the failures, for the report. */
  examples: string[];
}

const SHUTTING_DOWN = 'Server shutting down.';
const TIMEOUT_MS = 10_000;
const call = (fn: string, data?: unknown) => JSON.stringify({ weerpc: 1.1, function: fn, data });

type Outcome = 'ok' | 'failed' | 'lost' | 'retry';

/**
 * The soak's clients, through nginx: HTTP keep-alive clients (fetch) and WebSocket clients
 * (`createWeeRpcClient`), each logged in (Redis sessions), calling session-protected and open
 * functions, every tenth call a stream (`count_to`). A call the server says it did not run is sent
 * again and counted as retried: the drain's promise is that such a call never ran.
 */
export class RollingClients {
  readonly counts: RollingCounts = { calls: 0, failed: 0, lost: 0, retried: 0, examples: [] };
  private running = true;
  private readonly loops: Promise<void>[] = [];
  private readonly sockets: WeeRpcClient<Record<string, (data: any) => unknown>>[] = [];

  constructor(private readonly url: string) {}

  async start(httpClients: number, wsClients: number): Promise<void> {
    for (let i = 0; i < httpClients; i++) {
      const cookie = await this.logIn();
      this.loops.push(this.loop(n => (n % 10 === 9 ? this.httpStream(cookie) : this.httpCall(cookie, n))));
    }
    for (let i = 0; i < wsClients; i++) {
      const cookie = await this.logIn();
      const rpc = createWeeRpcClient<Record<string, (data: any) => unknown>>({
        url: `${this.url.replace('http', 'ws')}/rpc`,
        WebSocket: WebSocket as never,
        headers: { Cookie: cookie },
        timeout: TIMEOUT_MS,
        reconnect: { attempts: 20, delay: 50, maxDelay: 500 },
      });
      this.sockets.push(rpc);
      this.loops.push(this.loop(n => (n % 10 === 9 ? this.wsStream(rpc) : this.wsCall(rpc, n))));
    }
  }

  /** Stops sending; resolves once every call sent has its outcome. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    this.sockets.forEach(rpc => rpc.close());
  }

  private async loop(next: (n: number) => Promise<Outcome>): Promise<void> {
    for (let n = 0; this.running; n++) {
      let outcome = await next(n);
      while (outcome === 'retry') {
        this.counts.retried++;
        outcome = await next(n);
      }
      if (outcome === 'ok') this.counts.calls++;
      else if (outcome === 'lost') this.counts.lost++;
      else this.counts.failed++;
    }
  }

  private note(example: string): Outcome {
    if (this.counts.examples.length < 10) this.counts.examples.push(example);
    return 'failed';
  }

  private async logIn(): Promise<string> {
    const response = await fetch(`${this.url}/rpc/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ weerpc: 1.1, function: 'login', data: { username: 'soak' } }),
    });
    const cookie = response.headers.get('set-cookie')?.split(';')[0];
    if (!cookie) throw new Error(`no session cookie from ${this.url}/rpc/auth/login (HTTP ${response.status})`);
    return cookie;
  }

  private async httpCall(cookie: string, n: number): Promise<Outcome> {
    const [path, body] = n % 2 === 0 ? ['/rpc', call('add_string_auth_session', `soak ${n}`)] : ['/rpc/clients', call('list')];
    try {
      const response = await fetch(`${this.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const text = await response.text();
      let answer: { ok?: boolean; message?: string };
      try {
        answer = JSON.parse(text) as typeof answer;
      } catch {
        return this.note(`HTTP ${response.status} from ${path}: ${text.replace(/\s+/g, ' ').slice(0, 120)}`);
      }
      if (answer.ok === true) return 'ok';
      return answer.message === SHUTTING_DOWN ? 'retry' : this.note(`HTTP ${response.status} ${JSON.stringify(answer)}`);
    } catch (error) {
      return (error as Error).name === 'TimeoutError' ? 'lost' : this.note(`HTTP ${String(error)}`);
    }
  }

  private async httpStream(cookie: string): Promise<Outcome> {
    try {
      const response = await fetch(`${this.url}/rpc`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', cookie },
        body: call('count_to', { n: 3, delay: 50 }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const text = await response.text();
      const end = /event: end\ndata: (.*)\n/.exec(text);
      if (!end) return this.note(`SSE without its end event (HTTP ${response.status}): ${text.slice(0, 200)}`);
      const final = JSON.parse(end[1]) as { ok?: boolean; message?: string };
      if (final.ok === true) return 'ok';
      return final.message === SHUTTING_DOWN ? 'retry' : this.note(`SSE ${end[1]}`);
    } catch (error) {
      return (error as Error).name === 'TimeoutError' ? 'lost' : this.note(`SSE ${String(error)}`);
    }
  }

  private async wsCall(rpc: WeeRpcClient<Record<string, (data: any) => unknown>>, n: number): Promise<Outcome> {
    try {
      const answer = await rpc.call('add_string_auth_session', `soak ${n}`);
      if (answer.ok) return 'ok';
      return answer.message === SHUTTING_DOWN ? 'retry' : this.note(`WS ${JSON.stringify(answer)}`);
    } catch (error) {
      return this.wsError(error);
    }
  }

  private async wsStream(rpc: WeeRpcClient<Record<string, (data: any) => unknown>>): Promise<Outcome> {
    try {
      let items = 0;
      for await (const item of rpc.stream('count_to', { n: 3, delay: 50 })) {
        void item;
        items++;
      }
      return items === 3 ? 'ok' : this.note(`WS stream with ${items} items`);
    } catch (error) {
      if ((error as Error).message === SHUTTING_DOWN) return 'retry';
      return this.wsError(error);
    }
  }

  /** A socket closed 1001 by a draining server answered every call it ran first: those still waiting never ran. */
  private wsError(error: unknown): Outcome {
    const message = String((error as Error)?.message ?? error);
    if ((error as Error)?.name === 'TimeoutError') return 'lost';
    if (message.includes(`1001 ${SHUTTING_DOWN}`)) return 'retry';
    return this.note(`WS ${message}`);
  }
}
