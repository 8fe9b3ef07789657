/**
 * Texts of the clients' errors. Kept in client/ (not weerpc.messages.ts): the client is served to
 * browsers as its own folder (the sample serves dist/client/), so it imports nothing outside it.
 */
export const ClientMessages = {
  notAnswer: (protocol: string, status: number) => `Not a ${protocol} answer (HTTP ${status})`,
  noWebSocket: 'No WebSocket in this runtime: pass the "WebSocket" option (the ws package in Node 20).',
  closed: (code: number, reason: string) => `WebSocket closed (${code}${reason ? ` ${reason}` : ''})`,
  cannotConnect: (url: string, attempts: number) => `Could not connect to ${url} after ${attempts} attempts`,
  clientClosed: 'The client was closed.',
  streamCut: 'The stream ended without its final answer',
} as const;
