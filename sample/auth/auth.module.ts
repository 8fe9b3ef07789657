import { Module } from '@nestjs/common';
import { WeeRpcModule } from 'nestjs-weerpc';
import { AuthService } from './auth.service.js';
import { LOGGED_IN } from './logged-in.rule.js';
import { LoginModule } from './login/login.module.js';

/**
 * The `/rpc/auth` endpoint (`logout`, `session`; a logged-in session only) and, through
 * `LoginModule`, `/rpc/auth/login`. One `forFeature` per module: each endpoint is the functions
 * of the modules that import it, so the open `login` lives in a module of its own.
 */
@Module({
  imports: [WeeRpcModule.forFeature({ path: 'rpc/auth', sessionAuth: LOGGED_IN, discovery: { title: 'Auth' } }), LoginModule],
  providers: [AuthService],
})
export class AuthModule {}
