import { Module } from '@nestjs/common';
import { WeeRpcModule } from 'nestjs-weerpc';
import { LoginService } from './login.service.js';

/** The `/rpc/auth/login` endpoint, open to everyone. */
@Module({
  imports: [WeeRpcModule.forFeature({ path: 'rpc/auth/login', discovery: { title: 'AuthLogin' } })],
  providers: [LoginService],
})
export class LoginModule {}
