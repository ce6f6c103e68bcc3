/**
 * The console's Host check: a DNS-rebinding page reaches the console under a name the
 * attacker owns, and the console holds the system key and the agents' sessions, so a `Host` that
 * names neither this machine's loopback (`localhost`, 127.0.0.0/8, `[::1]`), an IP address, the
 * console's `--host`, nor its `--public-url`'s host is refused with 403 `HOST_REJECTED`. Rebinding
 * needs a name the attacker owns, so IP literals stay open (a console on 0.0.0.0 is reached at any
 * of the machine's addresses). The rule is the mock's (`apps/mock-omni/src/http/origin-guard.ts`), from
 * `@omnikit/contracts/host`.
 *
 * @module
 */

import { isIP } from 'node:net';
import { hostOfHeader, isLoopbackHost, normalizeHost } from '@omnikit/contracts/host';
import type { MiddlewareHandler } from 'hono';
import { ConsoleHttpError } from './console-http-error.js';

export interface HostGuardOptions {
  /** Host names served beyond loopback and IP addresses (`--host`, the public URL's host). */
  names: readonly string[];
  /** Paths served under any Host (the webhook: every delivery is verified by its signature). */
  except?: readonly string[];
}

/** Accepted Host values are remembered; a handful of values covers every real client. */
const ACCEPTED_CACHE_LIMIT = 64;

/** True when the console serves this `Host` header's host. */
export function servesHost(header: string, names: ReadonlySet<string>): boolean {
  const host = hostOfHeader(header);
  return isIP(host) !== 0 || isLoopbackHost(host) || names.has(host);
}

/**
 * Refuses requests whose `Host` the console does not serve (403 `HOST_REJECTED`).
 *
 * @example
 * ```ts
 * app.use('*', hostGuard({ names: ['127.0.0.1', 'console.example.com'], except: ['/webhooks/omni'] }));
 * ```
 */
export function hostGuard(options: HostGuardOptions): MiddlewareHandler {
  const names = new Set(options.names.map(normalizeHost));
  const except = new Set(options.except ?? []);
  const accepted = new Set<string>();
  return async (c, next) => {
    // Requests without a Host (HTTP/1.0 clients, `app.request` in tests) cannot come from a browser page.
    const header = c.req.header('host');
    if (header !== undefined && !accepted.has(header) && !except.has(c.req.path)) {
      if (!servesHost(header, names)) {
        const host = hostOfHeader(header);
        throw new ConsoleHttpError(
          'HOST_REJECTED',
          `The console does not serve the host “${host}” (a DNS-rebinding page would come this way): open it at 127.0.0.1 or localhost, or start it with --public-url naming this host.`,
        );
      }
      if (accepted.size < ACCEPTED_CACHE_LIMIT) accepted.add(header);
    }
    await next();
  };
}
