import { RpcAuthSessionKey } from 'nestjs-weerpc';

/** The session rule of everything behind the login: `login` sets `logged_in` to `true`. */
export const LOGGED_IN = new RpcAuthSessionKey('logged_in', [true]);
