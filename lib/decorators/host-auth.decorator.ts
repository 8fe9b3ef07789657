import { SetMetadata } from '@nestjs/common';
import { RPC_HOST_AUTH_METADATA } from '../weerpc.constants.js';

/**
 * Allowed `Host` headers (`host[:port]`, exactly as sent) for one function (on a method)
 * or every function of a class (on a class); they add to the endpoint's own rules.
 *
 * @example @HostAuth(['127.0.0.1:3000'])
 */
export const HostAuth = (hosts: string[]) => SetMetadata(RPC_HOST_AUTH_METADATA, [...hosts]);
