/**
 * The client's side of the server's `maxInFlight`: at most `places` calls sent and not yet
 * answered on a socket; the others wait here, in order, for a place that a finished call frees.
 */
export class InFlightLimiter {
  /** Calls held back, each handed the place of a call that ended. */
  private readonly queued: (() => void)[] = [];

  constructor(private places: number) {}

  /** Takes a place: at once when one is free (no promise, so no extra tick), else when one is freed. */
  take(): Promise<void> | void {
    if (this.places > 0) {
      this.places--;
      return;
    }
    return new Promise<void>(resolve => this.queued.push(resolve));
  }

  /** Frees a place: the oldest waiting call gets it. */
  free(): void {
    const next = this.queued.shift();
    if (next) {
      next();
    } else {
      this.places++;
    }
  }
}
