import { Module } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { WeeRpcModule } from 'nestjs-weerpc';
import { gate, WaitingFunctions } from '../fixtures/websocket.fixture.js';
import { HTTP_ADAPTERS, useLiveApp } from '../support/adapters.js';
import { survivorsAfterGc } from '../support/gc.js';
import { sleep, until } from '../support/until.js';
import { WsPeer } from '../support/ws-peer.js';

const IDLE = 300;
const HEARTBEAT = 200;

@Module({ imports: [WeeRpcModule.forFeature({ path: 'idle', ws: { idleTimeout: IDLE, heartbeatInterval: 0 } })], providers: [WaitingFunctions] })
class IdleModule {}

@Module({ imports: [WeeRpcModule.forFeature({ path: 'beat', ws: { idleTimeout: 0, heartbeatInterval: HEARTBEAT } })], providers: [WaitingFunctions] })
class BeatModule {}

@Module({
  imports: [WeeRpcModule.forRoot({ ws: { heartbeatInterval: 0, idleTimeout: 0 } }), IdleModule, BeatModule],
  providers: [WaitingFunctions],
})
class HardeningWsModule {}

const call = (fn: string, data?: unknown) => ({ weerpc: 1.1, function: fn, data });
const connections = (live: { app: { getHttpServer(): { getConnections(cb: (e: unknown, n: number) => void): void } } }) =>
  new Promise<number>(resolve => live.app.getHttpServer().getConnections((_error, count) => resolve(count)));

describe.each(HTTP_ADAPTERS)('WebSocket clients that misbehave (%s)', adapter => {
  const live = useLiveApp(adapter, HardeningWsModule);
  const url = (path: string) => `ws://127.0.0.1:${live.port}${path}`;
  beforeEach(() => gate.reset());
  afterEach(() => gate.release());

  it('lets go of 50 sockets whose clients vanished with calls in flight', async () => {
    const upgrades: WeakRef<IncomingMessage>[] = [];
    const seen = (request: IncomingMessage) => upgrades.push(new WeakRef(request));
    live.app.getHttpServer().on('upgrade', seen);
    const peers = await Promise.all(Array.from({ length: 50 }, () => WsPeer.open(url('/rpc'))));
    peers.forEach((peer, index) => peer.send(call('wait', index)));
    for (let waited = 0; gate.waiting < 50 && waited < 5000; waited += 5) {
      await sleep(5);
    }
    // Gone without a close frame, as a browser tab that crashed or a network that dropped.
    peers.forEach(peer => peer.socket.terminate());
    await Promise.all(peers.map(peer => peer.closed));
    gate.release();
    await sleep(50);
    live.app.getHttpServer().off('upgrade', seen);
    expect(upgrades).toHaveLength(50);
    expect(await survivorsAfterGc(upgrades)).toBe(0);
    const after = await WsPeer.open(url('/rpc'));
    expect(await after.call(call('echo', 'still here'))).toEqual({ weerpc: 1.1, ok: true, message: null, data: 'still here' });
    await after.close();
  });

  it('closes a socket idle for idleTimeout with 1001, and keeps a busy one open', async () => {
    // Counted from before the handshake: the server's idle clock starts no earlier than this.
    const started = Date.now();
    const idle = await WsPeer.open(url('/idle'));
    expect(await idle.closed).toEqual({ code: 1001, reason: 'Idle timeout.' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(IDLE - 20);
    const busy = await WsPeer.open(url('/idle'));
    const answer = busy.call(call('wait', 'late'));
    await sleep(IDLE * 3);
    expect(busy.socket.readyState).toBe(busy.socket.OPEN);
    gate.release();
    expect(await answer).toMatchObject({ ok: true, data: 'late' });
    await busy.close();
  });

  it('pings, and drops a socket that stops answering pings', async () => {
    const lively = await WsPeer.open(url('/beat'));
    let pings = 0;
    lively.socket.on('ping', () => pings++);
    const deaf = await WsPeer.open(url('/beat'));
    const before = await connections(live);
    // A client whose reading stopped (a frozen process): it never sees the pings, so it never pongs.
    (deaf.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    // Waits for the events (two pings, the deaf socket dropped), not for a fixed time: a loaded machine is slower.
    await until(() => pings >= 2, HEARTBEAT * 50);
    let open = await connections(live);
    while (open !== before - 1) {
      await sleep(HEARTBEAT / 4);
      open = await connections(live);
    }
    expect(lively.socket.readyState).toBe(lively.socket.OPEN);
    expect(open).toBe(before - 1);
    await lively.close();
    deaf.socket.terminate();
  });
});
