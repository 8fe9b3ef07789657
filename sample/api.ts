/**
 * The sample's functions as types, one map per endpoint, for `createWeeRpcClient<Api>()`.
 * Each entry is `name: (data) => result`; the services implement the data shapes, so a change
 * on one side that the other does not follow fails to compile.
 *
 * @example
 * const clients = createWeeRpcClient<ClientsApi>({ url: 'http://localhost:3000/rpc/clients' });
 * const { ok, data } = await clients.call('create', { name: 'Ada' }); // data: Client | null
 */

/** A row of the `clients` table. */
export interface Client {
  client_id: number;
  name: string;
  /** ISO 8601, UTC. */
  created_at: string;
  /** ISO 8601, UTC. */
  updated_at: string;
}

export interface LoginData {
  username: string;
}

/** What `session` shows of the session (never the cookie). */
export interface SessionView {
  logged_in: boolean;
  username: string | null;
}

export interface NewClientData {
  name: string;
}

export interface ClientIdData {
  client_id: number;
}

export interface ClientChangeData {
  client_id: number;
  name: string;
}

/** `/rpc/auth/login`: open to everyone. */
export interface AuthLoginApi {
  login: (data: LoginData) => SessionView;
}

/** `/rpc/auth`: needs a logged-in session. */
export interface AuthApi {
  logout: () => null;
  session: () => SessionView;
}

/** `/rpc/clients`: needs a logged-in session. */
export interface ClientsApi {
  create: (data: NewClientData) => Client;
  read: (data: ClientIdData) => Client;
  update: (data: ClientChangeData) => Client;
  delete: (data: ClientIdData) => Client;
  list: () => Client[];
}

/** `/rpc`, the root endpoint: the reference's tester functions. */
export interface TesterApi {
  add_numbers: (data: number[]) => number;
  add_string: (data: string) => string;
  /** Needs a logged-in session. */
  add_string_auth_session: (data: string) => string;
  /** Only for requests whose `Host` is `localhost:PORT` or `127.0.0.1:PORT`. */
  add_string_auth_host: (data: string) => string;
  /** Streams 1..n, `delay` ms apart (default 300): read it with `client.stream('count_to', { n })`. */
  count_to: (data: CountToData) => AsyncIterable<number>;
}

export interface CountToData {
  /** 1 to 100. */
  n: number;
  /** Milliseconds between numbers, 0 to 5000; default 300. */
  delay?: number;
}

/** Every endpoint of the sample, by path. */
export interface SampleApi {
  '/rpc/auth/login': AuthLoginApi;
  '/rpc/auth': AuthApi;
  '/rpc/clients': ClientsApi;
  '/rpc': TesterApi;
}
