/** One Server-Sent Event: its `event` name (`message` when none) and its `data` lines joined. */
export interface RpcServerEvent {
  readonly event: string;
  readonly data: string;
  /** The event's `id:` field, when it had one. */
  readonly id?: string;
}

/** Whether an answer is a Server-Sent Events stream. */
export function isEventStream(response: Response): boolean {
  return (response.headers.get('content-type') ?? '').startsWith('text/event-stream');
}

/**
 * Reads Server-Sent Events off a fetch body as they arrive, in the browser and in Node (the
 * format of the HTML standard: `event:`, `data:` and `id:` fields, comments and other fields skipped,
 * a blank line ends an event). Leaving the loop early cancels the body, which closes the
 * connection, which stops the server's producer.
 */
export async function* readServerEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<RpcServerEvent, void, undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let id: string | undefined;
  let data: string[] = [];
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      buffer += decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
        if (newline === buffer.length - 1 && buffer.endsWith('\r')) {
          break; // a CR that may be the first half of a CRLF in the next chunk
        }
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
        if (line === '') {
          if (data.length > 0) {
            yield id === undefined ? { event: event || 'message', data: data.join('\n') } : { event: event || 'message', data: data.join('\n'), id };
          }
          event = '';
          id = undefined;
          data = [];
          continue;
        }
        const colon = line.indexOf(':');
        if (colon === 0) {
          continue; // a comment (the server's keep-alive)
        }
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') {
          event = value;
        } else if (field === 'data') {
          data.push(value);
        } else if (field === 'id' && !value.includes('\0')) {
          id = value; // as the HTML standard says, an id with a NUL is ignored
        }
      }
    }
  } finally {
    if (!finished) {
      await reader.cancel().catch(() => undefined);
    }
    reader.releaseLock();
  }
}
