/**
 * The event streams an endpoint is writing, so that `app.close()` can end them: an endless stream
 * would otherwise hold its connection, and the server's `close()` waits for every connection.
 */
export class OpenEventStreams {
  private readonly open = new Set<() => void>();

  /** Keeps `stop` until the returned function is called (the stream ended). */
  track(stop: () => void): () => void {
    this.open.add(stop);
    return () => this.open.delete(stop);
  }

  /** Stops every open stream: its producer is cancelled and its response ended. */
  closeAll(): void {
    for (const stop of [...this.open]) {
      stop();
    }
  }
}
