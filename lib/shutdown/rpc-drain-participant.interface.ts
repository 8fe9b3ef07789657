/** The end of the drain window: settles when `shutdown.drainTimeout` has passed. */
export type RpcDrainWindow = Promise<void>;

/**
 * A surface that drains when the application shuts down (HTTP, WebSocket, a broker transport):
 * from `drain()` on it refuses new work or marks its answers as the last, lets what it accepted
 * finish until `window` settles, then ends what is left with `Server shutting down.`.
 */
export interface RpcDrainParticipant {
  /** Resolves once everything the surface accepted has been answered (or ended). */
  drain(window: RpcDrainWindow): Promise<void>;
}
