/**
 * The Host names a cluster's workers must accept for its front address. HAProxy passes the client's `Host` on, and a
 * worker listens on loopback, where it would refuse (403 `FORBIDDEN_ORIGIN`, the DNS-rebinding rule) the name a client
 * used to reach HAProxy on `--host`. A lone mock on that `--host` accepts it (main.ts): the `--host` name itself, and
 * this machine's host name when it listens on every address (0.0.0.0, ::). IP addresses and loopback names every mock
 * accepts anyway.
 *
 * @module
 */

import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { isLoopbackHost, isUnspecifiedHost } from '@omnikit/contracts/host';

/** `--allow-host` options for each worker of a cluster listening on `host`. */
export function frontHostArgs(host: string, machineName: () => string = hostname): string[] {
  if (isLoopbackHost(host)) return [];
  const names = isUnspecifiedHost(host) ? [machineName()] : isIP(host) === 0 ? [host] : [];
  return names.filter((n) => /^[A-Za-z0-9._-]+$/.test(n)).flatMap((n) => ['--allow-host', n]);
}
