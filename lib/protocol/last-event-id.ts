import { isValidEventId } from '../wire/event-id.js';
import { LAST_EVENT_ID_MEMBER } from '../wire/wire-names.js';

/**
 * A request's `"lastEventId"`: `undefined` when it has none, `null` when it has one that is no event
 * id (the request is then invalid: a resume from a mangled id would silently replay the wrong events).
 */
export function lastEventIdOf(request: Record<string, unknown>): string | undefined | null {
  if (!Object.hasOwn(request, LAST_EVENT_ID_MEMBER)) {
    return undefined;
  }
  const value = request[LAST_EVENT_ID_MEMBER];
  return isValidEventId(value) ? value : null;
}
