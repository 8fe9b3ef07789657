import { SetMetadata } from '@nestjs/common';
import type { RpcSessionRule } from '../interfaces/rpc-access-rules.interface.js';
import { RPC_SESSION_AUTH_METADATA } from '../weerpc.constants.js';

/**
 * Session rules for one function (on a method) or every function of a class (on a class);
 * they add to the endpoint's own rules.
 *
 * @example @SessionAuth(new RpcAuthSessionKey('logged_in', [true]))
 */
export const SessionAuth = (rules: RpcSessionRule | RpcSessionRule[]) =>
  SetMetadata(RPC_SESSION_AUTH_METADATA, Array.isArray(rules) ? [...rules] : [rules]);
