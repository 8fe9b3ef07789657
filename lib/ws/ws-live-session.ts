/** What the session middlewares leave on a request: their store (express-session's and @fastify/session's `sessionStore`) and the id. */
interface StoredSessionRequest {
  session?: { sessionId?: string } | null;
  sessionID?: string;
  sessionStore?: { get(id: string, callback: (error: unknown, data?: unknown) => void): void };
}

/**
 * A socket's session as the store has it now, for the session rules of its calls: a logout over
 * HTTP, or on another instance, is seen by the socket's next call. The store is read when the last
 * read is older than `sessionRefresh` milliseconds (0: for every call); calls that arrive while a
 * read is on its way share it. A session the store no longer has (destroyed) is `null`, as is one
 * it cannot read (rules fail closed). Without a store on the request (no such middleware), the
 * request's own session is the session.
 */
export class WeeRpcWsLiveSession {
  private last?: { value: unknown; at: number };
  private reading?: Promise<unknown>;

  constructor(
    private readonly request: StoredSessionRequest,
    private readonly refresh: number,
  ) {}

  /** Whether a call must wait for a store read before its rules are checked. */
  get pending(): Promise<unknown> | undefined {
    return this.reading;
  }

  /** The session for a call's rules: at once when fresh enough (or there is no store), else the read's promise. */
  current(): unknown {
    const { sessionStore } = this.request;
    const id = this.request.sessionID ?? this.request.session?.sessionId;
    if (!sessionStore || id === undefined) {
      return this.request.session;
    }
    if (this.reading) {
      return this.reading;
    }
    if (this.last && this.refresh > 0 && Date.now() - this.last.at < this.refresh) {
      return this.last.value;
    }
    this.reading = new Promise<unknown>(resolve => {
      sessionStore.get(id, (error, data) => resolve(error ? null : (data ?? null)));
    }).then(value => {
      this.reading = undefined;
      this.last = { value, at: Date.now() };
      return value;
    });
    return this.reading;
  }

  /** The socket's own call changed (and saved) the session: the next call reads it again. */
  forget(): void {
    this.last = undefined;
  }
}
