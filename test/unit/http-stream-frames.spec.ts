import { describe, expect, it } from '@jest/globals';
import { HttpTransport } from '../../lib/client/http.transport.js';
import { RpcClientError } from '../../lib/client/rpc-client.error.js';
import type { RpcStreamFrame } from '../../lib/client/rpc-transport.interface.js';
import { createWeeRpcClient } from '../../lib/client/weerpc-client.js';

const REQUEST = { body: '{"weerpc":1.1,"function":"count_to","data":null}', socketBody: '', cancelBody: '', isItem: () => false };

/** A server answer whose body arrives in these chunks, one read each; `cancelled` tells whether the client let go of it early. */
function answer(chunks: string[], contentType = 'text/event-stream; charset=utf-8') {
  const encoder = new TextEncoder();
  const state = { cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks.shift();
      if (chunk === undefined) {
        controller.close();
      } else {
        controller.enqueue(encoder.encode(chunk));
      }
    },
    cancel() {
      state.cancelled = true;
    },
  });
  const fetch = (async () => new Response(body, { status: 200, headers: { 'content-type': contentType } })) as typeof globalThis.fetch;
  return { fetch, state };
}

async function frames(chunks: string[], contentType?: string): Promise<RpcStreamFrame[]> {
  const { fetch } = answer(chunks, contentType);
  const read: RpcStreamFrame[] = [];
  for await (const frame of new HttpTransport({ url: 'http://localhost/rpc', fetch }, 'weeRPC').stream(REQUEST)) {
    read.push(frame);
  }
  return read;
}

describe("the HTTP transport's stream frames (Server-Sent Events over fetch)", () => {
  it('reads frames split anywhere across chunks, and ends at the `end` event', async () => {
    // A CR at a chunk's end may be half of a CRLF: `event: end\r` + `\n...` is one line, not a line and a blank one.
    expect(await frames(['data: {"n"', ':1}\n\nda', 'ta: 2\r', '\n\r\nevent: e', 'nd\r', '\ndata: {"done":true}\n', '\n'])).toEqual([
      { kind: 'item', value: { n: 1 }, status: 200 },
      { kind: 'item', value: 2, status: 200 },
      { kind: 'end', value: { done: true }, status: 200 },
    ]);
  });

  it("skips comments (the server's keep-alive) between frames", async () => {
    expect(await frames([': keep-alive\n\n', 'data: 1\n\n', ': keep-alive\n\n', 'event: end\ndata: null\n\n'])).toEqual([
      { kind: 'item', value: 1, status: 200 },
      { kind: 'end', value: null, status: 200 },
    ]);
  });

  it('stops reading at `end`: what follows is never read, and the body is let go', async () => {
    const { fetch, state } = answer(['event: end\ndata: 0\n\n', 'data: 99\n\n']);
    const read: RpcStreamFrame[] = [];
    for await (const frame of new HttpTransport({ url: 'http://localhost/rpc', fetch }, 'weeRPC').stream(REQUEST)) {
      read.push(frame);
    }
    expect(read).toEqual([{ kind: 'end', value: 0, status: 200 }]);
    expect(state.cancelled).toBe(true);
  });

  it('throws a clear RpcClientError naming the protocol for a frame that is not JSON', async () => {
    const error = await frames(['data: 1\n\n', 'data: {not json\n\n']).catch(reason => reason);
    expect(error).toBeInstanceOf(RpcClientError);
    expect(error).toMatchObject({ message: 'Not a weeRPC answer (HTTP 200)', status: 200 });
  });

  it('throws when the stream ends without its final answer', async () => {
    await expect(frames(['data: 1\n\n'])).rejects.toThrow('The stream ended without its final answer');
  });

  it('reads an answer that is not a stream as one whole frame', async () => {
    expect(await frames(['{"weerpc":1.1,"ok":true,"message":null,"data":5}'], 'application/json')).toEqual([
      { kind: 'whole', value: { weerpc: 1.1, ok: true, message: null, data: 5 }, status: 200 },
    ]);
  });

  it("the weeRPC client yields the items' data and throws the failure that ends a stream", async () => {
    const { fetch } = answer([
      'data: {"weerpc":1.1,"ok":true,"message":null,"data":1}\n\n',
      'event: end\ndata: {"weerpc":1.1,"ok":false,"message":"Boom.","data":null}\n\n',
    ]);
    const items: unknown[] = [];
    const rpc = createWeeRpcClient({ url: 'http://localhost/rpc', fetch });
    const error = await (async () => {
      for await (const item of rpc.stream('count_to')) {
        items.push(item);
      }
    })().catch(reason => reason);
    expect(items).toEqual([1]);
    expect(error).toMatchObject({ name: 'WeeRpcError', message: 'Boom.' });
  });
});
