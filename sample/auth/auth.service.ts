import { Injectable } from '@nestjs/common';
import { RpcFunction, RpcHttpRequest, RpcResponse, RpcSession, type RpcResult } from 'nestjs-weerpc';
import { SessionView } from './dto/session-view.dto.js';
import { destroySession, sessionView, type SampleSession, type SampleSessionData } from '../session/sample-session.js';
import { SessionCookie, type SessionCookieJar } from '../session/session-cookie.decorator.js';

/** `/rpc/auth`: what a logged-in session can do about itself. */
@Injectable()
export class AuthService {
  constructor(private readonly rpc: RpcResponse) {}

  /** Ends the session: removed from the store, its cookie cleared. */
  @RpcFunction({ summary: 'Ends the session and clears its cookie.', result: { type: 'null' } })
  async logout(@RpcHttpRequest() req: { session: SampleSession }, @SessionCookie() cookie: SessionCookieJar): Promise<RpcResult<null>> {
    await destroySession(req.session);
    cookie.clear();
    return this.rpc.success(null, 'Logged out.');
  }

  @RpcFunction({ summary: 'What the session holds.', result: SessionView })
  session(@RpcSession() session: SampleSessionData): RpcResult<SessionView> {
    return this.rpc.success(sessionView(session));
  }
}
