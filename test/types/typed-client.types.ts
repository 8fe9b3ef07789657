// Type tests for createWeeRpcClient<Api>() with the sample's Api maps, checked by `tsc --noEmit`
// (npm run typecheck). Every `@ts-expect-error` must sit on a real error, or tsc fails with
// "Unused '@ts-expect-error' directive"; test/types/type-errors.spec.ts also checks that each one
// hides exactly one error on its next line. Nothing here runs.
import type { RpcEventItem } from 'nestjs-weerpc';
import { createWeeRpcClient, type WeeRpcAnswer } from 'nestjs-weerpc/client';
import type { AuthApi, Client, ClientsApi, SessionView, TesterApi } from '../../sample/api.js';

declare const clients: ReturnType<typeof createWeeRpcClient<ClientsApi>>;
declare const tester: ReturnType<typeof createWeeRpcClient<TesterApi>>;
declare const auth: ReturnType<typeof createWeeRpcClient<AuthApi>>;

export async function typedCalls(): Promise<void> {
  // What must compile: the names, data and results of the Api maps.
  const created: WeeRpcAnswer<Client> = await clients.call('create', { name: 'Acme' });
  const listed: Client[] | null = (await clients.call('list')).data;
  const sum: number | null = (await tester.call('add_numbers', [1, 2, 3])).data;
  const session: SessionView | null = (await auth.call('session')).data;
  await clients.call('update', { client_id: 1, name: 'Acme 2' });
  await auth.call('logout');
  void [created, listed, sum, session];

  // An unknown function name.
  // @ts-expect-error
  await clients.call('remove', { client_id: 1 });
  // A function of another endpoint.
  // @ts-expect-error
  await tester.call('list');
  // Wrong data type: name must be a string.
  // @ts-expect-error
  await clients.call('create', { name: 5 });
  // A misspelled data key.
  // @ts-expect-error
  await clients.call('read', { clientId: 1 });
  // Data missing where the function needs it.
  // @ts-expect-error
  await clients.call('delete');
  // Data given to a function that takes none.
  // @ts-expect-error
  await auth.call('logout', { everywhere: true });
  // Wrong data type: a list of numbers, not a string.
  // @ts-expect-error
  await tester.call('add_numbers', '1, 2, 3');
  // The result type follows the function: add_string gives a string, not a number.
  // @ts-expect-error
  const wrongResult: number | null = (await tester.call('add_string', 'Ada')).data;
  // An Api map whose member is not a function is refused.
  // @ts-expect-error
  createWeeRpcClient<{ add_numbers: number }>({ url: '/rpc' });
  void wrongResult;
}

/** A subscription's items (`RpcEventItem`s, ids on the wire) reach the client as their data. */
export async function typedEventItems(): Promise<void> {
  type EventsApi = {
    watch: (data: { topic: string }) => AsyncIterableIterator<RpcEventItem<{ text: string }>>;
    /** A plain item of the same shape stays as it is. */
    pairs: (data: null) => AsyncIterable<{ id: string; data: number }>;
  };
  const events = createWeeRpcClient<EventsApi>({ url: '/rpc' });
  for await (const item of events.stream('watch', { topic: 'notifications' })) {
    const text: string = item.text;
    // @ts-expect-error
    const id: string = item.id;
    void [text, id];
  }
  for await (const pair of events.stream('pairs', null)) {
    const id: string = pair.id;
    void id;
  }
}
