/** `WebSocket.OPEN`, spelled out: the `ws` package and the browser agree on it, and neither class need be loaded to read it. */
export const WS_OPEN = 1;

/** The status the clients see for a WebSocket answer (there is no HTTP status per message). */
export const WS_STATUS = 200;
