import type { HttpAdapterHost } from '@nestjs/core';

/**
 * Calls `ready` with the HTTP adapter's type and instance as soon as Nest sets the adapter: before
 * app.init() registers the application's body parser, so that a route's own body reader goes first.
 * Never called for an application context without HTTP.
 */
export function whenHttpAdapterSet(adapterHost: HttpAdapterHost, ready: (type: string, instance: unknown) => void): void {
  adapterHost.init$.subscribe(() => {
    const adapter = adapterHost.httpAdapter;
    if (adapter) {
      ready(adapter.getType(), adapter.getInstance());
    }
  });
}
