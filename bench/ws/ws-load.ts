import WebSocket from 'ws';
import { isLoadAnswer, LOAD_REQUEST } from '../http/answer-check.js';

/** One measured run of calls over WebSocket. */
export interface WsLoadSample {
  readonly callsPerSec: number;
  readonly calls: number;
}

/**
 * Drives `url` with `sockets` WebSockets for `seconds`, each keeping `window` calls in flight
 * (a new call goes out as each answer comes back), and fails loudly on any wrong answer.
 */
export async function runWsLoad(
  url: string,
  sockets: number,
  window: number,
  seconds: number,
  headers: Record<string, string> = {},
): Promise<WsLoadSample> {
  const peers = await Promise.all(
    Array.from(
      { length: sockets },
      () =>
        new Promise<WebSocket>((resolve, reject) => {
          const socket = new WebSocket(url, { perMessageDeflate: false, headers });
          socket.once('open', () => resolve(socket));
          socket.once('error', reject);
        }),
    ),
  );
  let calls = 0;
  let wrong = 0;
  let running = true;
  const started = process.hrtime.bigint();
  for (const socket of peers) {
    socket.on('message', data => {
      if (!isLoadAnswer(String(data as Buffer))) {
        wrong++;
      }
      calls++;
      if (running) {
        socket.send(LOAD_REQUEST);
      }
    });
    for (let i = 0; i < window; i++) {
      socket.send(LOAD_REQUEST);
    }
  }
  await new Promise(resolve => setTimeout(resolve, seconds * 1000));
  running = false;
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const counted = calls;
  peers.forEach(socket => socket.terminate());
  if (wrong > 0 || counted === 0) {
    throw new Error(`bad answers over WebSocket from ${url}: ${wrong} wrong of ${counted}`);
  }
  return { callsPerSec: counted / elapsed, calls: counted };
}
