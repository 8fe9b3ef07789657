import { readServerEvents } from '../../lib/client/event-stream.reader.js';
import { JsonRpcCodec } from '../../lib/protocol/jsonrpc.codec.js';
import { WEERPC_1_1_CODEC } from '../../lib/protocol/weerpc.codec.js';
import { FAILURES } from '../../lib/outcome/rpc-failures.js';

/** A fetch body delivering `chunks` one read at a time. */
function body(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function read(chunks: string[]) {
  const events = [];
  for await (const event of readServerEvents(body(chunks))) events.push(event);
  return events;
}

describe("the clients' Server-Sent Events reader", () => {
  it('reads events split anywhere across chunks, CRLF and multi-line data included', async () => {
    expect(await read(['data: {"a"', ':1}\n', '\nevent: end\r', '\ndata: 2\r\n\r\n'])).toEqual([
      { event: 'message', data: '{"a":1}' },
      { event: 'end', data: '2' },
    ]);
    expect(await read(['data: one\ndata: two\n\n'])).toEqual([{ event: 'message', data: 'one\ntwo' }]);
  });

  it('skips comments (keep-alive), unknown fields and events without data, and reads an event id', async () => {
    expect(await read([': keep-alive\n\n', 'id: 3\nretry: 10\ndata:x\n\n', 'event: lonely\n\n'])).toEqual([{ event: 'message', data: 'x', id: '3' }]);
  });

  it('gives an id only to the event that had one, and ignores an id with a NUL, as the HTML standard does', async () => {
    expect(await read(['id: a\ndata: 1\n\n', 'data: 2\n\n', 'id: b\0c\ndata: 3\n\n'])).toEqual([
      { event: 'message', data: '1', id: 'a' },
      { event: 'message', data: '2' },
      { event: 'message', data: '3' },
    ]);
  });

  it('drops an event the stream cut off before its blank line', async () => {
    expect(await read(['data: 1\n\n', 'data: 2\n'])).toEqual([{ event: 'message', data: '1' }]);
  });
});

describe('codecs frame stream events', () => {
  it('weeRPC: each item a success answer; the end the final outcome', () => {
    expect(JSON.parse(WEERPC_1_1_CODEC.streamItem({ n: 1 }))).toEqual({ weerpc: 1.1, ok: true, message: null, data: { n: 1 } });
    expect(JSON.parse(WEERPC_1_1_CODEC.streamItem(undefined))).toEqual({ weerpc: 1.1, ok: true, message: null, data: null });
    expect(JSON.parse(WEERPC_1_1_CODEC.streamEnd(FAILURES.internal))).toEqual({
      weerpc: 1.1,
      ok: false,
      message: 'Internal server error.',
      data: null,
    });
  });

  it('JSON-RPC: rpc.stream notifications carrying the call id, then the response', () => {
    const codec = new JsonRpcCodec();
    expect(JSON.parse(codec.streamItem(5, 'a'))).toEqual({ jsonrpc: '2.0', method: 'rpc.stream', params: { id: 'a', item: 5 } });
    expect(JSON.parse(codec.streamEnd({ ok: true, message: null, data: 'done' }, 'a'))).toEqual({ jsonrpc: '2.0', result: 'done', id: 'a' });
    expect(() => codec.streamItem({ big: BigInt(1) }, 1)).toThrow();
  });
});
