import type { Session, SessionData } from 'express-session';
import type { SessionView } from '../auth/dto/session-view.dto.js';

// What the sample keeps in express-session's `req.session`.
declare module 'express-session' {
  interface SessionData {
    logged_in: boolean;
    username: string;
  }
}

type SampleSession = Session & Partial<SessionData>;

/** What login answers while the session store cannot be reached. */
export const SESSIONS_UNAVAILABLE = 'Sessions are unavailable right now; try again later.';

/** The part of the session a caller may see. */
export function sessionView(session: Partial<SessionData> | undefined): SessionView {
  return { logged_in: session?.logged_in === true, username: session?.username ?? null };
}

/** A fresh session id for the same request (`req.session` is replaced): a defence against session fixation at login. */
export function regenerateSession(session: SampleSession): Promise<void> {
  return new Promise((resolve, reject) => session.regenerate(error => (error ? reject(error) : resolve())));
}

/** Removes the session from the store. */
export function destroySession(session: SampleSession): Promise<void> {
  return new Promise((resolve, reject) => session.destroy(error => (error ? reject(error) : resolve())));
}
