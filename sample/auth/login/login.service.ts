import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { RpcData, RpcFunction, RpcRequest, RpcResponse, type RpcResult } from 'nestjs-weerpc';
import type { SessionView } from '../../api.js';
import { LoginDto } from '../dto/login.dto.js';
import { regenerateSession, sessionView } from '../sample-session.js';

/** `/rpc/auth/login`: the one auth function open to everyone. */
@Injectable()
export class LoginService {
  constructor(private readonly rpc: RpcResponse) {}

  /**
   * Logs in whoever asks, as the reference sample does: a real app checks a password (hash) here
   * and answers `this.rpc.fail('Wrong username or password.')` on a mismatch.
   */
  @RpcFunction()
  async login(@RpcData() data: LoginDto, @RpcRequest() req: Request): Promise<RpcResult<SessionView>> {
    await regenerateSession(req.session);
    req.session.logged_in = true;
    req.session.username = data.username;
    return this.rpc.success(sessionView(req.session), `Logged in as ${data.username}.`);
  }
}
