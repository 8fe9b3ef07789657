/** What the session middlewares put on a request: express-session's `save(callback)`, @fastify/session's `save()` and `isModified()`. */
interface SaveableSession {
  save(callback?: (error?: unknown) => void): unknown;
  isModified?(): boolean;
}

/**
 * Saves a socket's session after a call that changed it. Over HTTP the session middleware saves
 * it as the answer goes out; a socket's messages have no such moment, so the connection asks here
 * after each call, before its answer is sent (a client that logs in over the socket can then call
 * over HTTP with the same cookie). Unchanged sessions cost a comparison: @fastify/session's
 * `isModified()`, or the session's JSON (without its cookie, as express-session's own hash).
 */
export class WeeRpcWsSessionSaver {
  private saved: string | undefined;

  constructor(private readonly request: { session?: unknown }) {
    const session = request.session;
    this.saved = isSaveable(session) && !session.isModified ? snapshotOf(session) : undefined;
  }

  /** Resolves once a changed session is saved (at once when nothing changed); rejects when its store fails. */
  saveIfChanged(): Promise<void> | undefined {
    const session = this.request.session;
    if (!isSaveable(session)) {
      return undefined;
    }
    if (session.isModified) {
      return session.isModified() ? save(session) : undefined;
    }
    const now = snapshotOf(session);
    if (now === this.saved) {
      return undefined;
    }
    this.saved = now;
    return save(session);
  }
}

function isSaveable(session: unknown): session is SaveableSession {
  return typeof session === 'object' && session !== null && typeof (session as SaveableSession).save === 'function';
}

function snapshotOf(session: object): string {
  return JSON.stringify(session, function (this: unknown, key, value: unknown) {
    return this === session && key === 'cookie' ? undefined : value;
  });
}

/** Both middlewares' `save`: a callback (express-session), or a promise when none is given (@fastify/session). */
function save(session: SaveableSession): Promise<void> {
  return new Promise((resolve, reject) => {
    const returned = session.save(error => (error ? reject(error) : resolve()));
    if (returned instanceof Promise) {
      returned.then(() => resolve(), reject);
    }
  });
}
