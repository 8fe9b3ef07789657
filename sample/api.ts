// Generated from OpenRPC documents by `nestjs-weerpc types`: do not edit; run it again instead.

export interface Client {
  client_id: number;
  name: string;
  created_at: string;
  updated_at: string;
}

export interface ClientIdDto {
  client_id: number;
}

export interface CreateClientDto {
  name: string;
}

export interface LoginDto {
  username: string;
}

export interface NotifyDto {
  text: string;
}

export interface SessionView {
  logged_in: boolean;
  username: string | null;
}

export interface UpdateClientDto {
  name: string;
  client_id: number;
}

/** `/rpc`: Tester. */
export interface TesterApi {
  /** Adds a list of numbers. */
  add_numbers: (data: number[]) => number;
  /** Greets a name. */
  add_string: (data: string) => string;
  /**
   * `add_string` for logged-in sessions only.
   * Session rules: logged_in.
   */
  add_string_auth_session: (data: string) => string;
  /**
   * `add_string` for requests sent to this machine only.
   * Host list applies.
   */
  add_string_auth_host: (data: string) => string;
  /** Streams 1 to n (Accept: text/event-stream), or answers them in one array. */
  count_to: (data: {
    n: number;
    delay?: number;
  }) => number[];
}

/** `/rpc/auth/login`: AuthLogin. */
export interface AuthLoginApi {
  /** Logs in (any username: a sample without passwords). */
  login: (data: LoginDto) => SessionView;
}

/**
 * `/rpc/auth`: Auth.
 * Session rules: logged_in.
 */
export interface AuthApi {
  /** Ends the session and clears its cookie. */
  logout: () => null;
  /** What the session holds. */
  session: () => SessionView;
}

/**
 * `/rpc/clients`: Clients.
 * Session rules: logged_in.
 */
export interface ClientsApi {
  /** Adds a client. */
  create: (data: CreateClientDto) => Client;
  /** One client by id. */
  read: (data: ClientIdDto) => Client;
  /** Renames a client. */
  update: (data: UpdateClientDto) => Client;
  /** Removes a client and answers it. */
  delete: (data: ClientIdDto) => Client;
  /** Every client, by id. */
  list: () => Client[];
}

/** `/rpc/notifications`: Notifications. */
export interface NotificationsApi {
  /** Sends a notification to every watcher; answers the event's id. */
  notify: (data: NotifyDto) => string;
  /** Streams the notifications sent from now on (after the last event id, when resuming). */
  watch: () => {
    text: string;
  }[];
}

/** Every endpoint's functions, by path. */
export interface ApiByPath {
  "/rpc": TesterApi;
  "/rpc/auth/login": AuthLoginApi;
  "/rpc/auth": AuthApi;
  "/rpc/clients": ClientsApi;
  "/rpc/notifications": NotificationsApi;
}
