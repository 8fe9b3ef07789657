import { CallDeadline } from './call.deadline.js';
import type { RpcCallOptions } from './rpc-call.options.js';
import type { RpcStreamFrame, RpcStreamRequest } from './rpc-transport.interface.js';
import type { RpcWebSocketLike } from './rpc-web-socket.options.js';
import { WS_OPEN, WS_STATUS } from './ws.constants.js';
import type { WsWaiter } from './ws-waiter.interface.js';

/**
 * The client's side of one streamed call over a socket: items queue until the loop reads them; the
 * final answer (or the socket's close) ends it. A loop that leaves early (or its signal) sends the
 * cancel message once the stream has begun, and the call keeps its place in the answer order
 * (and its in-flight place) until the server's final answer, which is dropped.
 */
export class WsStreamReader {
  private readonly items: unknown[] = [];
  private final?: { value: unknown };
  private failure?: Error;
  private wake?: () => void;
  private begun = false;
  private abandoned = false;
  private cancelSent = false;
  private settled = false;
  private socket?: RpcWebSocketLike;

  constructor(
    private readonly request: RpcStreamRequest,
    private readonly options: RpcCallOptions,
    private readonly clientTimeout: number | undefined,
    /** Frees the call's in-flight place, once, when the call is over. */
    private readonly freePlace: () => void,
  ) {}

  /** The call's place in the socket's answer order, once it was sent on `socket`. */
  waiter(socket: RpcWebSocketLike): WsWaiter {
    this.socket = socket;
    return {
      item: message => {
        if (!this.request.isItem(message)) {
          return false;
        }
        this.begun = true;
        if (this.abandoned) {
          this.cancel();
        } else {
          this.items.push(message);
          this.wake?.();
        }
        return true;
      },
      resolve: ({ value }) => {
        this.final = { value };
        this.settle();
      },
      reject: error => {
        this.failure = error;
        this.settle();
      },
    };
  }

  /** The call is over (its final answer, the socket's close, or it was never sent): its place is free. */
  settle(): void {
    if (!this.settled) {
      this.settled = true;
      this.freePlace();
    }
    this.wake?.();
  }

  /** The frames as the loop reads them: the items, then the final answer; the socket's close throws. */
  async *frames(): AsyncGenerator<RpcStreamFrame, void, undefined> {
    // As over HTTP, the timeout runs until the answer starts: the first message.
    const deadline = new CallDeadline(this.options, this.clientTimeout);
    try {
      for (;;) {
        if (this.items.length > 0 || this.final) {
          deadline.started();
        }
        if (this.items.length > 0) {
          yield { kind: 'item', value: this.items.shift(), status: WS_STATUS };
          continue;
        }
        if (this.final) {
          yield { kind: 'end', value: this.final.value, status: WS_STATUS };
          return;
        }
        if (this.failure) {
          throw this.failure;
        }
        await deadline.race(new Promise<void>(resolve => (this.wake = resolve)));
        this.wake = undefined;
      }
    } finally {
      deadline.dispose();
      if (!this.final && !this.failure) {
        this.abandoned = true;
        this.items.length = 0;
        if (this.begun) {
          this.cancel();
        }
      }
    }
  }

  private cancel(): void {
    if (!this.cancelSent && this.socket?.readyState === WS_OPEN) {
      this.cancelSent = true;
      this.socket.send(this.request.cancelBody);
    }
  }
}
