import type { SessionView } from '../auth/dto/session-view.dto.js';

/** What the sample keeps in a session. */
export interface SampleSessionData {
  logged_in?: boolean;
  username?: string;
}

/**
 * The request's session as the sample uses it, on either adapter: express-session's `req.session`
 * and @fastify/session's `request.session` both keep values as properties and take callbacks here.
 */
export interface SampleSession extends SampleSessionData {
  /** Replaces the request's session with a fresh one under a new id. */
  regenerate(callback: (error?: unknown) => void): unknown;
  /** Removes the session from the store. */
  destroy(callback: (error?: unknown) => void): unknown;
}

/** The part of the request the auth functions read: no session at all while the store is away. */
export interface SampleSessionRequest {
  session?: SampleSession | null;
}

/** What login answers while the session store cannot be reached. */
export const SESSIONS_UNAVAILABLE = 'Sessions are unavailable right now; try again later.';

/** The part of the session a caller may see. */
export function sessionView(session: SampleSessionData | null | undefined): SessionView {
  return { logged_in: session?.logged_in === true, username: session?.username ?? null };
}

/** A fresh session id for the same request (`req.session` is replaced): a defence against session fixation at login. */
export function regenerateSession(session: SampleSession): Promise<void> {
  return new Promise((resolve, reject) => void session.regenerate(error => (error ? reject(error) : resolve())));
}

/** Removes the session from the store. */
export function destroySession(session: SampleSession): Promise<void> {
  return new Promise((resolve, reject) => void session.destroy(error => (error ? reject(error) : resolve())));
}
