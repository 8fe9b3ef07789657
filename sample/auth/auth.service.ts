import { Injectable, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { SessionData } from 'express-session';
import { RpcFunction, RpcHttpRequest, RpcResponse, RpcSession, type RpcResult } from 'nestjs-weerpc';
import { SessionView } from './dto/session-view.dto.js';
import { SESSION_COOKIE } from '../sample.config.js';
import { destroySession, sessionView } from '../session/sample-session.js';

/** `/rpc/auth`: what a logged-in session can do about itself. */
@Injectable()
export class AuthService {
  constructor(private readonly rpc: RpcResponse) {}

  /** Ends the session: removed from the store, its cookie cleared. */
  @RpcFunction({ summary: 'Ends the session and clears its cookie.', result: { type: 'null' } })
  async logout(@RpcHttpRequest() req: Request, @Res() res: Response): Promise<RpcResult<null>> {
    await destroySession(req.session);
    res.clearCookie(SESSION_COOKIE);
    return this.rpc.success(null, 'Logged out.');
  }

  @RpcFunction({ summary: 'What the session holds.', result: SessionView })
  session(@RpcSession() session: Partial<SessionData>): RpcResult<SessionView> {
    return this.rpc.success(sessionView(session));
  }
}
