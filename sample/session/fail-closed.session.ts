import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { reportStoreFailure } from './store-failure.report.js';

/**
 * Express: runs a session middleware so that a failing store (Redis away) costs the request its
 * session and nothing else: session rules then fail closed (`Unauthorized.`) while open functions
 * keep answering, instead of every request ending in a 500. A late error (saving at the end of
 * the response) is logged. The Fastify counterpart is `failClosedFastifySessions`.
 */
export function failClosedSessions(sessions: RequestHandler): RequestHandler {
  const wrapped = (req: Request, res: Response, next: NextFunction) => {
    let continued = false;
    sessions(req, res, (error?: unknown) => {
      if (error) {
        reportStoreFailure(error);
      }
      if (!continued) {
        continued = true;
        next();
      }
    });
  };
  // Keeps express-session's name, by which nestjs-weerpc recognises a session middleware at bootstrap.
  return Object.defineProperty(wrapped, 'name', { value: sessions.name });
}
