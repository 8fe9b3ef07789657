/** One Server-Sent Event as a test reads it off the wire, with the time it arrived. */
export interface ReceivedEvent {
  event: string;
  data: unknown;
  at: number;
  /** The event's `id:` line, when it has one. */
  id?: string;
}

/** A POST asking for Server-Sent Events, over Node's fetch. */
export function postForEvents(port: number, body: unknown, signal?: AbortSignal, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/rpc`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify(body),
    signal,
  });
}

/**
 * Reads a response's events as they arrive (split on blank lines, as the SSE format says), and
 * the comment lines apart; stops after `limit` events when given (the rest is left unread).
 */
export async function readEvents(response: Response, limit = Infinity): Promise<{ events: ReceivedEvent[]; comments: string[] }> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: ReceivedEvent[] = [];
  const comments: string[] = [];
  let buffer = '';
  while (events.length < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0 && events.length < limit) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      let id: string | undefined;
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) comments.push(line);
        else if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
        else if (line.startsWith('id: ')) id = line.slice(4);
      }
      if (data.length > 0) events.push({ event, data: JSON.parse(data.join('\n')), at: Date.now(), ...(id === undefined ? {} : { id }) });
    }
  }
  if (events.length >= limit) await reader.cancel();
  return { events, comments };
}
