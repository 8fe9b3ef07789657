import type { INestApplication } from '@nestjs/common';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import { WeeRpcDrain } from 'nestjs-weerpc';
import { WeeRpcTransport } from 'nestjs-weerpc/microservices';
import { drainApp, drainProbe } from '../fixtures/drain.fixture.js';
import { createAdapterApp, portOf } from '../support/adapters.js';
import { ADAPTERS, call, failure, success } from '../support/create-app.js';
import { freePort } from '../support/free-port.js';
import { rawPost } from '../support/raw-http.js';
import { postForEvents, readEvents } from '../support/sse.js';
import { until } from '../support/until.js';
import { WsPeer } from '../support/ws-peer.js';

const SHUTTING_DOWN = 'Server shutting down.';
const streamed = (fn: string, data: unknown) => ({ ...call(fn, data), stream: true });

describe.each(ADAPTERS)('graceful drain on app.close() (%s)', adapter => {
  let app: INestApplication | undefined;
  const start = async (drainTimeout: number) => {
    drainProbe.reset();
    app = await createAdapterApp(adapter, drainApp({ drainTimeout }), { session: false });
    return { app, port: portOf(app) };
  };
  const draining = () => app!.get(WeeRpcDrain).isDraining;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('answers an HTTP call in flight during app.close(), with Connection: close, and only then closes', async () => {
    const { app } = await start(5000);
    const answer = rawPost(app, '/rpc', JSON.stringify(call('slow', { ms: 300, id: 'late' })), { 'content-type': 'application/json' });
    await until(() => drainProbe.started === 1);
    let closed = false;
    const closing = app.close().then(() => (closed = true));
    const { status, headers, json } = await answer;
    expect(status).toBe(200);
    expect(json()).toEqual(success('late'));
    expect(headers.connection).toBe('close');
    await closing;
    expect(closed).toBe(true);
    expect(drainProbe.finished).toBe(1);
  });

  it('answers an MCP tools/call in flight during app.close(), with Connection: close', async () => {
    const { app } = await start(5000);
    const toolCall = { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'slow', arguments: { data: { ms: 300, id: 'late' } } } };
    const answer = rawPost(app, '/rpc/mcp', JSON.stringify(toolCall), {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    });
    await until(() => drainProbe.started === 1);
    const closing = app.close();
    await until(draining);
    const { status, headers, json } = await answer;
    expect(status).toBe(200);
    expect(json()).toEqual({ jsonrpc: '2.0', id: 7, result: { content: [{ type: 'text', text: '"late"' }] } });
    expect(headers.connection).toBe('close');
    await closing;
    expect(drainProbe.finished).toBe(1);
  });

  it('lets a stream that ends within the window end normally', async () => {
    const { app, port } = await start(5000);
    const response = await postForEvents(port, call('ticking', { n: 5, every: 40 }));
    const reading = readEvents(response);
    const closing = app.close();
    const { events } = await reading;
    expect(events.map(event => event.event)).toEqual(['message', 'message', 'message', 'message', 'message', 'end']);
    expect(events.at(-1)!.data).toEqual(success('ticked'));
    await closing;
  });

  it('ends a stream longer than the window with a final end event: Server shutting down. (weeRPC and JSON-RPC)', async () => {
    const { app, port } = await start(300);
    const weeRpc = readEvents(await postForEvents(port, call('ticking', { n: 10_000, every: 20 })));
    const jsonRpc = readEvents(await postForEvents(port, { jsonrpc: '2.0', method: 'ticking', params: { n: 10_000, every: 20 }, id: 4 }));
    const started = Date.now();
    await app.close();
    // Generous bound: the window (300 ms) and the final events' grace (1 s), never the 10 000 items.
    expect(Date.now() - started).toBeLessThan(5000);
    const [wee, json] = await Promise.all([weeRpc, jsonRpc]);
    expect(wee.events.length).toBeGreaterThan(2);
    expect(wee.events.at(-1)).toMatchObject({ event: 'end', data: failure(SHUTTING_DOWN) });
    expect(json.events.at(-1)).toMatchObject({ event: 'end', data: { jsonrpc: '2.0', error: { code: -32009, message: SHUTTING_DOWN }, id: 4 } });
    await until(() => drainProbe.tickingClosed);
  });

  it('gives every call in flight on a WebSocket its answer, then closes it 1001', async () => {
    const { app, port } = await start(5000);
    const peer = await WsPeer.open(`ws://127.0.0.1:${port}/rpc`);
    peer.send(call('slow', { ms: 200, id: 'a' }));
    peer.send({ jsonrpc: '2.0', method: 'slow', params: { ms: 300, id: 'b' }, id: 2 });
    peer.send(call('slow', { ms: 100, id: 'c' }));
    await until(() => drainProbe.started === 3);
    const closing = app.close();
    expect(await peer.closed).toEqual({ code: 1001, reason: SHUTTING_DOWN });
    expect(peer.answers).toEqual([success('a'), success('c'), { jsonrpc: '2.0', result: 'b', id: 2 }]);
    await closing;
  });

  it('answers a call sent on a draining socket with Server shutting down., never dropping it', async () => {
    const { app, port } = await start(5000);
    const peer = await WsPeer.open(`ws://127.0.0.1:${port}/rpc`);
    peer.send({ jsonrpc: '2.0', method: 'slow', params: { ms: 400, id: 'held' }, id: 1 });
    await until(() => drainProbe.started === 1);
    const closing = app.close();
    await until(draining);
    peer.send(call('echo', 'too late'));
    peer.send({ jsonrpc: '2.0', method: 'echo', params: ['too late'], id: 3 });
    expect(await peer.closed).toEqual({ code: 1001, reason: SHUTTING_DOWN });
    expect(peer.answers).toEqual(
      expect.arrayContaining([
        failure(SHUTTING_DOWN),
        { jsonrpc: '2.0', error: { code: -32009, message: SHUTTING_DOWN }, id: 3 },
        { jsonrpc: '2.0', result: 'held', id: 1 },
      ]),
    );
    expect(peer.answers).toHaveLength(3);
    expect(drainProbe.started).toBe(1);
    await closing;
  });

  it('ends a socket stream longer than the window with Server shutting down. as its final answer', async () => {
    const { app, port } = await start(300);
    const peer = await WsPeer.open(`ws://127.0.0.1:${port}/rpc`);
    peer.send(streamed('ticking', { n: 10_000, every: 20 }));
    await until(() => peer.answers.length > 1);
    await app.close();
    expect(await peer.closed).toEqual({ code: 1001, reason: SHUTTING_DOWN });
    expect(peer.answers.at(-1)).toEqual(failure(SHUTTING_DOWN));
    expect(peer.answers.slice(0, -1).every(answer => (answer as { stream?: string }).stream === 'item')).toBe(true);
  });

  it('answers a socket call still running when the window ends as unfinished (it may have run), then closes 1001', async () => {
    const { app, port } = await start(300);
    const peer = await WsPeer.open(`ws://127.0.0.1:${port}/rpc`);
    peer.send(call('slow', { ms: 3000, id: 'too slow' }));
    peer.send({ jsonrpc: '2.0', method: 'slow', params: { ms: 3000, id: 'too slow' }, id: 9 });
    await until(() => drainProbe.started === 2);
    await app.close();
    expect(await peer.closed).toEqual({ code: 1001, reason: SHUTTING_DOWN });
    expect(peer.answers).toEqual(
      expect.arrayContaining([
        failure('Server shut down before the call finished.'),
        { jsonrpc: '2.0', error: { code: -32603, message: 'Internal error' }, id: 9 },
      ]),
    );
  });

  it('closes an idle socket at once, and one that connects while draining', async () => {
    const { app, port } = await start(5000);
    const idle = await WsPeer.open(`ws://127.0.0.1:${port}/rpc`);
    const busy = await WsPeer.open(`ws://127.0.0.1:${port}/rpc`);
    busy.send(call('slow', { ms: 500, id: 'busy' }));
    await until(() => drainProbe.started === 1);
    const closing = app.close();
    expect(await idle.closed).toEqual({ code: 1001, reason: SHUTTING_DOWN });
    expect(busy.answers).toEqual([]);
    const late = await WsPeer.open(`ws://127.0.0.1:${port}/rpc`);
    expect(await late.closed).toEqual({ code: 1001, reason: SHUTTING_DOWN });
    expect(await busy.closed).toEqual({ code: 1001, reason: SHUTTING_DOWN });
    expect(busy.answers).toEqual([success('busy')]);
    await closing;
  });
});

describe.each(ADAPTERS)('graceful drain of a microservice transport (TCP, hybrid app on %s)', adapter => {
  it('finishes the message in flight, and fails one that arrives while draining with Server shutting down.', async () => {
    drainProbe.reset();
    const app = await createAdapterApp(adapter, drainApp({ drainTimeout: 5000 }), { session: false });
    const options = { host: '127.0.0.1', port: await freePort() };
    app.connectMicroservice({ strategy: WeeRpcTransport.tcp(app, options) });
    await app.startAllMicroservices();
    const client: ClientProxy = ClientProxyFactory.create({ transport: Transport.TCP, options });
    await client.connect();
    try {
      const inFlight = firstValueFrom(client.send('slow', { ms: 400, id: 'message' }));
      await until(() => drainProbe.started === 1);
      const closing = app.close();
      await until(() => app.get(WeeRpcDrain).isDraining);
      const late = await firstValueFrom(client.send('echo', 'too late')).catch((error: unknown) => ({ error }));
      expect(late).toEqual({ error: { status: 'error', message: SHUTTING_DOWN, data: null } });
      expect(await inFlight).toBe('message');
      await closing;
      expect(drainProbe.started).toBe(1);
    } finally {
      await client.close();
    }
  });
});
