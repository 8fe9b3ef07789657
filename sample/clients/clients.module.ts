import { Module } from '@nestjs/common';
import { WeeRpcModule } from 'nestjs-weerpc';
import { LOGGED_IN } from '../auth/logged-in.rule.js';
import { ClientsRepository } from './clients.repository.js';
import { ClientsService } from './clients.service.js';

/** The `/rpc/clients` endpoint; every function needs a logged-in session, over MCP (`/rpc/clients/mcp`) too. */
@Module({
  imports: [WeeRpcModule.forFeature({ path: 'rpc/clients', sessionAuth: LOGGED_IN, discovery: { title: 'Clients' }, ws: true, mcp: true })],
  providers: [ClientsRepository, ClientsService],
})
export class ClientsModule {}
