/**
 * Who may use the proxy's own routes (`/__proxy/*`), judged from the request's `Host` and `Origin`
 * by the rule the mock's origin guard follows (`@omnikit/contracts/host`).
 *
 * - **The pages** (the live report, its JSON, the tap's setting, anything else under `/__proxy`):
 *   a page that rebinds its own DNS name to 127.0.0.1 reaches the proxy from a loopback peer, but
 *   under its name. So `Host` must name this machine's loopback (`localhost`, 127.0.0.0/8,
 *   `[::1]`), an IP address (rebinding needs a name the attacker owns; a proxy on 0.0.0.0 is read
 *   at any of the machine's addresses) or the name the proxy listens on (`--host`), and an
 *   `Origin`, when there is one, must be a loopback page's.
 * - **The webhook tap** (`POST /__proxy/webhook`): a real Omni reaches it under whatever public name
 *   it was given (a tunnel's, a reverse proxy's), so its `Host` is not checked. A browser sends an
 *   `Origin` with every POST and Omni's deliveries are server to server, so a request with another
 *   site's `Origin` is a page posting forged notifications to the CRM and into the recording.
 *   Inferred: Omni's deliveries carry no `Origin` (omni-api.md B.7 lists their headers).
 *
 * @module
 */

import { isIP } from 'node:net';
import { hostOfHeader, isLoopbackHost, normalizeHost, originOf } from '@omnikit/contracts/host';

export interface GuardedHeaders {
  readonly host?: string | undefined;
  readonly origin?: string | undefined;
}

/** Whether an `Origin` header is a page served from this machine. */
function isLoopbackOrigin(origin: string): boolean {
  const page = originOf(origin);
  return page !== undefined && isLoopbackHost(normalizeHost(new URL(page).hostname));
}

export class ProxyRouteGuard {
  /** The listen host when it is a name (an address is served as any address is). */
  readonly #name: string | undefined;

  /** `listenHost`: what the proxy listens on (`--host`). */
  constructor(listenHost: string) {
    const host = normalizeHost(listenHost);
    this.#name = isIP(host) === 0 ? host : undefined;
  }

  /** Why a request to one of the proxy's pages is refused (answered 403), or undefined when it is served. */
  pageRefusal(headers: GuardedHeaders): string | undefined {
    const host = hostOfHeader(headers.host ?? '');
    if (!(isLoopbackHost(host) || isIP(host) !== 0 || (host !== '' && host === this.#name))) {
      return `the proxy's own pages answer a request addressed to 127.0.0.1, [::1], localhost or the address it listens on, not to "${host}" (a DNS-rebinding page would come this way)`;
    }
    if (headers.origin !== undefined && !isLoopbackOrigin(headers.origin)) {
      return `the proxy's own pages do not serve another site's page (Origin ${headers.origin})`;
    }
    return undefined;
  }

  /** Why a notification posted to the tap is refused (answered 403), or undefined when it is taken. */
  webhookRefusal(headers: GuardedHeaders): string | undefined {
    if (headers.origin === undefined || isLoopbackOrigin(headers.origin)) return undefined;
    return `the webhook tap takes Omni's notifications, not a web page's (Origin ${headers.origin})`;
  }
}
