import { Injectable, NotFoundException } from '@nestjs/common';
import { RpcData, RpcFunction, RpcResponse, type RpcResult } from 'nestjs-weerpc';
import { Client } from './dto/client.dto.js';
import { ClientsRepository } from './clients.repository.js';
import { ClientIdDto } from './dto/client-id.dto.js';
import { CreateClientDto } from './dto/create-client.dto.js';
import { UpdateClientDto } from './dto/update-client.dto.js';

/**
 * `/rpc/clients`: create, read, update, delete and list clients. The data arrives validated
 * (the app's global `ValidationPipe` checks each DTO), and a missing client is a
 * `NotFoundException`, which the caller receives as `ok: false, message: 'Client 7 not found'`.
 */
@Injectable()
export class ClientsService {
  constructor(
    private readonly clients: ClientsRepository,
    private readonly rpc: RpcResponse,
  ) {}

  @RpcFunction({ summary: 'Adds a client.', result: Client, mcp: { title: 'Add a client' } })
  create(@RpcData() data: CreateClientDto): RpcResult<Client> {
    const client = this.clients.create(data.name);
    return this.rpc.success(client, `Client ${client.client_id} created.`);
  }

  @RpcFunction({ summary: 'One client by id.', result: Client, mcp: { title: 'Read a client', readOnly: true } })
  read(@RpcData() data: ClientIdDto): RpcResult<Client> {
    return this.rpc.success(found(data.client_id, this.clients.find(data.client_id)));
  }

  @RpcFunction({ summary: 'Renames a client.', result: Client, mcp: { title: 'Rename a client', idempotent: true } })
  update(@RpcData() data: UpdateClientDto): RpcResult<Client> {
    const client = found(data.client_id, this.clients.rename(data.client_id, data.name));
    return this.rpc.success(client, `Client ${client.client_id} updated.`);
  }

  @RpcFunction({ summary: 'Removes a client and answers it.', result: Client, mcp: { title: 'Delete a client', destructive: true } })
  delete(@RpcData() data: ClientIdDto): RpcResult<Client> {
    const client = found(data.client_id, this.clients.delete(data.client_id));
    return this.rpc.success(client, `Client ${client.client_id} deleted.`);
  }

  @RpcFunction({ summary: 'Every client, by id.', result: [Client], mcp: { title: 'List clients', readOnly: true } })
  list(): RpcResult<Client[]> {
    const clients = this.clients.list();
    return this.rpc.success(clients, `${clients.length} client(s).`);
  }
}

function found(clientId: number, client: Client | undefined): Client {
  if (!client) {
    throw new NotFoundException(`Client ${clientId} not found`);
  }
  return client;
}
