import { eventIdsApp } from '../fixtures/event-ids.fixture.js';
import { useLiveApp } from '../support/adapters.js';
import { ADAPTERS, call, failure, success } from '../support/create-app.js';
import { postForEvents, readEvents } from '../support/sse.js';
import { WsPeer } from '../support/ws-peer.js';

const rpc = (method: string, params: unknown, id: number, extra: Record<string, unknown> = {}) => ({ jsonrpc: '2.0', method, params, id, ...extra });
const wsItem = (data: unknown, eventId?: string) => ({
  weerpc: 1.1,
  stream: 'item',
  ok: true,
  message: null,
  data,
  ...(eventId === undefined ? {} : { eventId }),
});
const rpcItem = (id: number, item: unknown, eventId?: string) => ({
  jsonrpc: '2.0',
  method: 'rpc.stream',
  params: { id, item, ...(eventId === undefined ? {} : { eventId }) },
});

/** A POST without `Accept: text/event-stream`, answered as one JSON body. */
async function postJson(port: number, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${port}/rpc`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.json();
}

describe.each(ADAPTERS)('event ids on streams (%s)', adapter => {
  const live = useLiveApp(adapter, eventIdsApp({ ws: { heartbeatInterval: 0, idleTimeout: 0 } }), { session: false });
  const peers: WsPeer[] = [];
  const open = async () => {
    const peer = await WsPeer.open(`ws://127.0.0.1:${live.port}/rpc`);
    peers.push(peer);
    return peer;
  };
  afterEach(async () => {
    await Promise.all(peers.splice(0).map(peer => peer.close()));
  });

  describe('Server-Sent Events', () => {
    it("sends an item event id as the event's id: line, the final event without one", async () => {
      const { events } = await readEvents(await postForEvents(live.port, call('tracked', { n: 2 })));
      expect(events.map(({ event, id, data }) => ({ event, id, data }))).toEqual([
        { event: 'message', id: '1', data: success({ n: 1 }) },
        { event: 'message', id: '2', data: success({ n: 2 }) },
        { event: 'end', id: undefined, data: success('done') },
      ]);
    });

    it('gives an id only to the items that have one', async () => {
      const { events } = await readEvents(await postForEvents(live.port, call('some_tracked')));
      expect(events.map(({ id, data }) => ({ id, data }))).toEqual([
        { id: 'id-a', data: success('a') },
        { id: undefined, data: success('b') },
        { id: undefined, data: success(null) },
      ]);
    });

    it('hands the Last-Event-ID header to @RpcLastEventId(): the stream resumes after it', async () => {
      const response = await postForEvents(live.port, call('tracked', { n: 4 }), undefined, { 'Last-Event-ID': '2' });
      const { events } = await readEvents(response);
      expect(events.map(event => event.id)).toEqual(['3', '4', undefined]);
      expect(events.map(event => event.data)).toEqual([success({ n: 3 }), success({ n: 4 }), success('done')]);
    });

    it("prefers the request's lastEventId to the header", async () => {
      const response = await postForEvents(live.port, { ...call('tracked', { n: 4 }), lastEventId: '3' }, undefined, { 'Last-Event-ID': '1' });
      const { events } = await readEvents(response);
      expect(events.map(event => event.id)).toEqual(['4', undefined]);
    });

    it("carries the id in JSON-RPC rpc.stream params and resumes from the request's lastEventId", async () => {
      const { events } = await readEvents(await postForEvents(live.port, rpc('tracked', { n: 3 }, 7, { lastEventId: '1' })));
      expect(events.map(({ id, data }) => ({ id, data }))).toEqual([
        { id: '2', data: rpcItem(7, { n: 2 }, '2') },
        { id: '3', data: rpcItem(7, { n: 3 }, '3') },
        { id: undefined, data: { jsonrpc: '2.0', result: 'done', id: 7 } },
      ]);
    });
  });

  describe('a plain POST', () => {
    it("collects the items without their ids, resuming from the request's lastEventId", async () => {
      expect(await postJson(live.port, call('tracked', { n: 3 }))).toEqual(success([{ n: 1 }, { n: 2 }, { n: 3 }]));
      expect(await postJson(live.port, { ...call('tracked', { n: 3 }), lastEventId: '2' })).toEqual(success([{ n: 3 }]));
    });

    it('ignores a Last-Event-ID header where no event stream was asked for', async () => {
      expect(await postJson(live.port, call('last_seen'), { 'Last-Event-ID': '5' })).toEqual(success(null));
      expect(await postJson(live.port, { ...call('last_seen'), lastEventId: 'x-5' })).toEqual(success('x-5'));
    });

    it.each([
      ['a number', 5],
      ['empty', ''],
      ['a line break', '1\n2'],
      ['too long', 'x'.repeat(257)],
    ])('refuses a lastEventId that is %s as an invalid request', async (_name, lastEventId) => {
      expect(await postJson(live.port, { ...call('last_seen'), lastEventId })).toEqual(failure('Invalid request.'));
      expect(await postJson(live.port, rpc('last_seen', [], 3, { lastEventId }))).toEqual({
        jsonrpc: '2.0',
        error: { code: -32600, message: 'Invalid Request' },
        id: 3,
      });
    });
  });

  describe('WebSocket', () => {
    it("carries the id as eventId in weeRPC item messages and resumes from the request's lastEventId", async () => {
      const peer = await open();
      peer.send({ ...call('tracked', { n: 3 }), stream: true, lastEventId: '1' });
      expect(await peer.until(3)).toEqual([wsItem({ n: 2 }, '2'), wsItem({ n: 3 }, '3'), success('done')]);
    });

    it('carries the id as eventId in JSON-RPC rpc.stream params', async () => {
      const peer = await open();
      peer.send(rpc('tracked', { n: 2 }, 9, { stream: true }));
      peer.send(rpc('some_tracked', [], 10, { stream: true }));
      // JSON-RPC answers carry ids, so each call's messages keep their order, not the two calls'.
      const messages = (await peer.until(6)) as { id?: number; params?: { id?: number } }[];
      const of = (id: number) => messages.filter(message => (message.params?.id ?? message.id) === id);
      expect(of(9)).toEqual([rpcItem(9, { n: 1 }, '1'), rpcItem(9, { n: 2 }, '2'), { jsonrpc: '2.0', result: 'done', id: 9 }]);
      expect(of(10)).toEqual([rpcItem(10, 'a', 'id-a'), rpcItem(10, 'b'), { jsonrpc: '2.0', result: null, id: 10 }]);
    });

    it("does not take the upgrade's Last-Event-ID header for a call's", async () => {
      const peer = await WsPeer.open(`ws://127.0.0.1:${live.port}/rpc`, { 'Last-Event-ID': '2' });
      peers.push(peer);
      expect(await peer.call(call('last_seen'))).toEqual(success(null));
    });
  });
});
