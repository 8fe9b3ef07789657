import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { checkAnswers, isLoadAnswer } from '../../bench/http/answer-check.js';
import { runLoad } from '../../bench/http/load-run.js';
import { SERVERS } from '../../bench/servers/server-catalog.js';
import { startServer, type RunningServer } from '../../bench/servers/start-server.js';
import { startWsBenchServer } from '../../bench/ws/ws-bench.server.js';
import { runWsLoad } from '../../bench/ws/ws-load.js';

/** A server that gets the sum wrong: the bench must refuse to measure it. */
async function startWrongServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    request.resume().on('end', () => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ weerpc: 1.1, ok: true, message: "Function 'add_numbers' executed successfully", data: 7 }));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/rpc` };
}

describe('bench servers', () => {
  it.each(SERVERS.map(spec => [spec.id, spec] as const))('%s answers every checked exchange right', async (id, spec) => {
    const running = await startServer(spec);
    try {
      await expect(checkAnswers(`http://127.0.0.1:${running.port}/rpc`, id)).resolves.toBeUndefined();
    } finally {
      await running.close();
    }
  });
});

describe('bench answer checks', () => {
  let wrong: { server: Server; url: string };
  beforeAll(async () => {
    wrong = await startWrongServer();
  });
  afterAll(() => new Promise<void>(resolve => wrong.server.close(() => resolve())));

  it('refuses, with the answer, a server that gets the sum wrong', async () => {
    await expect(checkAnswers(wrong.url, 'wrong')).rejects.toThrow(/wrong answer: wrong answered .*"data":7\}; expected .*"data":6\}/);
  });

  it('fails a load run loudly when answers under load are wrong', async () => {
    await expect(runLoad(wrong.url, { connections: 2, seconds: 0.3 })).rejects.toThrow(/bad answers under load/);
  });

  it('accepts the load answer with its keys in any order, and nothing else', () => {
    const message = "Function 'add_numbers' executed successfully";
    expect(isLoadAnswer(JSON.stringify({ weerpc: 1.1, ok: true, message, data: 6 }))).toBe(true);
    expect(isLoadAnswer(JSON.stringify({ data: 6, message, ok: true, weerpc: 1.1 }))).toBe(true);
    expect(isLoadAnswer(JSON.stringify({ weerpc: 1.1, ok: true, message, data: 7 }))).toBe(false);
    expect(isLoadAnswer('not json')).toBe(false);
  });

  it('measures a right server under load', async () => {
    const running = await startServer(SERVERS.find(spec => spec.kind === 'raw')!);
    try {
      const sample = await runLoad(`http://127.0.0.1:${running.port}/rpc`, { connections: 2, seconds: 0.3 });
      expect(sample.requests).toBeGreaterThan(0);
      expect(sample.p99Ms).toBeGreaterThanOrEqual(sample.p50Ms);
    } finally {
      await running.close();
    }
  });
});

describe.each(['express', 'fastify'] as const)('WebSocket bench server on %s', adapter => {
  let running: RunningServer;
  beforeAll(async () => {
    running = await startWsBenchServer(adapter);
  });
  afterAll(() => running.close());

  it('answers the checked exchanges over HTTP and right answers under load on one WebSocket, window by window', async () => {
    await expect(checkAnswers(`http://127.0.0.1:${running.port}/rpc`, adapter)).resolves.toBeUndefined();
    const sample = await runWsLoad(`ws://127.0.0.1:${running.port}/rpc`, 1, 10, 0.3);
    expect(sample.calls).toBeGreaterThan(10);
    expect(sample.callsPerSec).toBeGreaterThan(0);
  });
});

describe('WebSocket bench load', () => {
  it('fails loudly when answers over WebSocket are wrong', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise(resolve => server.once('listening', resolve));
    server.on('connection', socket => socket.on('message', () => socket.send('{"weerpc":1.1,"ok":true,"message":null,"data":7}')));
    try {
      const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/rpc`;
      await expect(runWsLoad(url, 1, 4, 0.2)).rejects.toThrow(/bad answers over WebSocket from .*: \d+ wrong of \d+/);
    } finally {
      server.clients.forEach(client => client.terminate());
      await new Promise(resolve => server.close(resolve));
    }
  });
});
