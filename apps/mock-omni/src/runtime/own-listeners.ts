/**
 * The addresses and ports this mock listens on, learnt as each server binds (port 0 included), and the one question
 * asked of them: would a POST to this URL reach the mock's own control API? A notification endpoint that would is
 * refused, so that no tenant's webhook drives `/__mock`.
 *
 * A URL reaches it when its port is one the mock listens on, its path (decoded, any case) is under `/__mock`, and its
 * host is — or resolves to — an address of that listener. A listener on 0.0.0.0 or :: answers on every address of the
 * machine (loopback, the interfaces' addresses), and a connection to 0.0.0.0 lands on the machine itself.
 *
 * @module
 */

import { isIP } from 'node:net';
import { isControlApiPath } from '@omnikit/contracts/control';
import { isLoopbackHost, isUnspecifiedHost, normalizeHost } from '@omnikit/contracts/host';

export interface OwnListenersOptions {
  /** Every address a host name resolves to (DNS); an empty list when it does not resolve. */
  resolve: (host: string) => Promise<string[]>;
  /** The machine's interface addresses (for a listener on 0.0.0.0 or ::). */
  localAddresses: () => string[];
  /** Wall-clock ms a name may take to resolve; an unresolved name is not the mock (default 2000). */
  resolveTimeoutMs?: number;
}

interface Listener {
  address: string;
  port: number;
}

export class OwnListeners {
  readonly #listeners: Listener[] = [];
  readonly #options: OwnListenersOptions;

  constructor(options: OwnListenersOptions) {
    this.#options = options;
  }

  /** A server bound `address:port`; the returned function forgets it when the server closes. */
  add(address: string, port: number): () => void {
    const listener = { address: normalizeHost(address), port };
    this.#listeners.push(listener);
    return () => {
      const at = this.#listeners.indexOf(listener);
      if (at >= 0) this.#listeners.splice(at, 1);
    };
  }

  /** True when a POST to `url` would reach the control API; a promise when a name must be resolved. */
  reachesControlApi(url: string): boolean | Promise<boolean> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (!isControlApiPath(parsed.pathname)) return false;
    const port = Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80));
    const listeners = this.#listeners.filter((l) => l.port === port);
    if (listeners.length === 0) return false;
    const host = normalizeHost(parsed.hostname);
    const hits = (addresses: readonly string[]) =>
      addresses.some((a) => listeners.some((l) => this.#reaches(normalizeHost(a), l)));
    if (isIP(host) !== 0) return hits([host]);
    if (isLoopbackHost(host)) return hits(['127.0.0.1', '::1']);
    return this.#resolve(host).then(hits);
  }

  #reaches(address: string, listener: Listener): boolean {
    if (address === listener.address || isUnspecifiedHost(address)) return true;
    if (!isUnspecifiedHost(listener.address)) return false;
    return isLoopbackHost(address) || this.#options.localAddresses().map(normalizeHost).includes(address);
  }

  #resolve(host: string): Promise<string[]> {
    const timeoutMs = this.#options.resolveTimeoutMs ?? 2000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string[]>((resolve) => {
      timer = setTimeout(() => resolve([]), timeoutMs);
    });
    const lookup = this.#options.resolve(host).catch(() => [] as string[]);
    return Promise.race([lookup, timeout]).finally(() => clearTimeout(timer));
  }
}
