import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/** The socket and first bytes of an upgrade request, kept on the request while the app routes it. */
export interface PendingUpgrade {
  readonly socket: Duplex;
  readonly head: Buffer;
}

const PENDING_UPGRADE = Symbol('weerpc:pending-upgrade');

type UpgradeRequest = IncomingMessage & { [PENDING_UPGRADE]?: PendingUpgrade };

export function setPendingUpgrade(request: IncomingMessage, upgrade: PendingUpgrade): void {
  (request as UpgradeRequest)[PENDING_UPGRADE] = upgrade;
}

/** Takes the pending upgrade off the request: a plain GET (or a second look) finds none. */
export function takePendingUpgrade(request: IncomingMessage): PendingUpgrade | undefined {
  const upgrade = (request as UpgradeRequest)[PENDING_UPGRADE];
  delete (request as UpgradeRequest)[PENDING_UPGRADE];
  return upgrade;
}
