import { Injectable } from '@nestjs/common';
import { RpcData, RpcFunction, RpcHttpRequest, RpcResponse, type RpcResult } from 'nestjs-weerpc';
import { SessionView } from '../dto/session-view.dto.js';
import { LoginDto } from '../dto/login.dto.js';
import { regenerateSession, SESSIONS_UNAVAILABLE, sessionView, type SampleSessionRequest } from '../../session/sample-session.js';

/** `/rpc/auth/login`: the one auth function open to everyone. */
@Injectable()
export class LoginService {
  constructor(private readonly rpc: RpcResponse) {}

  /**
   * Logs in whoever asks, as the reference sample does: a real app checks a password (hash) here
   * and answers `this.rpc.fail('Wrong username or password.')` on a mismatch.
   */
  @RpcFunction({ summary: 'Logs in (any username: a sample without passwords).', result: SessionView })
  async login(@RpcData() data: LoginDto, @RpcHttpRequest() req: SampleSessionRequest): Promise<RpcResult<SessionView | null>> {
    // Without a working session store (Redis away) there is no session to log into.
    if (
      !req.session ||
      !(await regenerateSession(req.session).then(
        () => true,
        () => false,
      ))
    ) {
      return this.rpc.fail(SESSIONS_UNAVAILABLE);
    }
    req.session.logged_in = true;
    req.session.username = data.username;
    return this.rpc.success(sessionView(req.session), `Logged in as ${data.username}.`);
  }
}
