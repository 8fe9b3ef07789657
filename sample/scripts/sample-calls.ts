import { createWeeRpcClient, type WeeRpcAnswer } from 'nestjs-weerpc/client';
import type { AuthApi, AuthLoginApi, Client, ClientsApi, TesterApi } from '../api.js';
import { sessionFetch } from './session-fetch.js';

/** What `runSampleCalls` saw, typed by the sample's `Api` maps. */
export interface SampleCallsResult {
  sum: WeeRpcAnswer<number>;
  created: WeeRpcAnswer<Client>;
  listed: WeeRpcAnswer<Client[]>;
  refusedAfterLogout: WeeRpcAnswer<Client[]>;
}

/**
 * Calls the running sample the way a TypeScript service would: one typed client per endpoint,
 * sharing one session. Adds a number list, logs in, creates a client, lists, logs out and
 * shows that the list is refused afterwards.
 */
export async function runSampleCalls(baseUrl: string, print: (line: string) => void = console.log): Promise<SampleCallsResult> {
  const fetch = sessionFetch();
  const tester = createWeeRpcClient<TesterApi>({ url: `${baseUrl}/rpc`, fetch });
  const login = createWeeRpcClient<AuthLoginApi>({ url: `${baseUrl}/rpc/auth/login`, fetch });
  const auth = createWeeRpcClient<AuthApi>({ url: `${baseUrl}/rpc/auth`, fetch });
  const clients = createWeeRpcClient<ClientsApi>({ url: `${baseUrl}/rpc/clients`, fetch });

  const sum = await tester.call('add_numbers', [1, 2, 3]);
  print(`add_numbers [1, 2, 3] -> ${sum.data}`);

  const session = await login.call('login', { username: 'script' });
  print(`login -> ${session.message}`);

  const created = await clients.call('create', { name: 'Made by call-sample' });
  print(`create -> ${created.message} (client_id ${created.data?.client_id})`);

  const listed = await clients.call('list');
  print(`list -> ${listed.data?.map(client => `${client.client_id}: ${client.name}`).join(', ')}`);

  const logout = await auth.call('logout');
  print(`logout -> ${logout.message}`);

  const refusedAfterLogout = await clients.call('list');
  print(`list after logout -> ok: ${refusedAfterLogout.ok}, ${refusedAfterLogout.message}`);

  return { sum, created, listed, refusedAfterLogout };
}
