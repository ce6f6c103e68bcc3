/**
 * Who may call the mock, judged from the request's own headers.
 *
 * - **Host** (every route): a DNS-rebinding page reaches the mock under the attacker's name, so a
 *   `Host` that names neither this machine's loopback (`localhost`, 127.0.0.0/8, `[::1]`), an IP
 *   address, nor a name the mock was told it serves (`--host`, `--allow-host`) is refused.
 *   Rebinding needs a name the attacker owns, so IP literals stay open (a mock on 0.0.0.0 is
 *   reached at any of the machine's addresses). Omni routes are checked too: a rebinding page knows
 *   the demo key and the demo passwords.
 * - **Origin / Sec-Fetch-Site** (control routes): a page of another origin may send a "simple"
 *   request (no preflight), so a browser request is served only from the mock's own origin or one
 *   it was given (`--allow-origin`: the console's); `Sec-Fetch-Site: cross-site` or `same-site`
 *   without an `Origin` (an image, a script tag) is refused as well. Omni routes do not look at
 *   the origin: Omni is an API keyed by the system key, and its JSON bodies need
 *   `Content-Type: application/json`, which no simple request can send.
 * - **The mock's own deliveries** (control routes): a request carrying `X-Omni-Notification-Id`
 *   is a webhook delivery (of this mock, through an alias or a rebinding the endpoint check could
 *   not see) and never drives the control API.
 *
 * - **SIP WebSocket upgrades** (`/ws`): the same Host rule, and an Origin rule, since browsers apply no CORS to
 *   WebSockets and any page may open `ws://127.0.0.1:4010/ws`. A page is served from the mock's own origin, an
 *   `--allow-origin` origin, or any loopback origin (`http://127.0.0.1:<port>`, `http://localhost:<port>`: a page
 *   served from this machine, such as the agent console or a CRM under development); refusals are 403 at the handshake.
 *
 * Requests without these headers (node's own clients, sip.js in node, `app.request` in tests) pass.
 *
 * @module
 */

import { isIP } from 'node:net';
import { NOTIFICATION_HEADERS } from '@omnikit/contracts';
import { hostOfHeader, isLoopbackHost, normalizeHost, originOf } from '@omnikit/contracts/host';
import type { Context } from 'hono';
import { DomainError } from '../engine/domain-error.js';
import { requestHeader } from './request-header.js';

export interface OriginGuardSettings {
  /** Host names served beyond loopback and IP addresses; `*` turns the Host check off. */
  allowedHosts: readonly string[];
  /** Browser origins beyond the mock's own that may call the control API (`http://127.0.0.1:4020`). */
  allowedOrigins: readonly string[];
}

/** Refusals are remembered per Host value; a handful of values covers every real client. */
const HOST_CACHE_LIMIT = 64;

export class OriginGuard {
  readonly #names: Set<string>;
  readonly #anyHost: boolean;
  readonly #origins: ReadonlySet<string>;
  readonly #accepted = new Set<string>();

  constructor(settings: OriginGuardSettings) {
    this.#anyHost = settings.allowedHosts.includes('*');
    this.#names = new Set(settings.allowedHosts.map(normalizeHost));
    this.#origins = new Set(settings.allowedOrigins.map(originOf).filter((o): o is string => o !== undefined));
  }

  /** A name the mock listens on is one it serves (`listen({ host })`). */
  allowHost(name: string): void {
    this.#names.add(normalizeHost(name));
  }

  /** Every route: the `Host` is one this mock serves. */
  checkHost(c: Context): void {
    const refusal = this.#hostRefusal(requestHeader(c, 'Host'));
    if (refusal !== undefined) throw new DomainError('FORBIDDEN_ORIGIN', refusal);
  }

  /**
   * A SIP WebSocket upgrade: why it is refused (answered 403), or undefined when it may go on. The Host as on every
   * route; an `Origin`, when sent (browsers always send one), must be the mock's own, an `--allow-origin` one, or a
   * loopback origin.
   */
  upgradeRefusal(headers: { host?: string | undefined; origin?: string | undefined }): string | undefined {
    const hostRefusal = this.#hostRefusal(headers.host);
    if (hostRefusal !== undefined) return hostRefusal;
    const origin = headers.origin;
    if (origin === undefined || this.#origins.has(origin)) return undefined;
    const own = originOf(origin);
    if (own !== undefined && (isLoopbackHost(hostOfUrl(own)) || own === hostOrigin(headers.host))) return undefined;
    return `the SIP WebSocket does not serve pages of ${origin}: only the mock's own origin, loopback origins and those given with --allow-origin`;
  }

  #hostRefusal(header: string | undefined): string | undefined {
    if (this.#anyHost || header === undefined || this.#accepted.has(header)) return undefined;
    const host = hostOfHeader(header);
    if (isIP(host) !== 0 || isLoopbackHost(host) || this.#names.has(host)) {
      if (this.#accepted.size < HOST_CACHE_LIMIT) this.#accepted.add(header);
      return undefined;
    }
    return `the mock does not serve the host "${host}" (a DNS-rebinding page would come this way): use 127.0.0.1 or localhost, or start the mock with --allow-host ${host}`;
  }

  /** Control routes: not a page of another origin, not one of the mock's own webhook deliveries. */
  checkControlCaller(c: Context): void {
    if (requestHeader(c, NOTIFICATION_HEADERS.id) !== undefined) {
      throw new DomainError(
        'FORBIDDEN_ORIGIN',
        `a webhook delivery (${NOTIFICATION_HEADERS.id}) never drives the control API: the notification endpoint points at the mock itself`,
      );
    }
    const origin = requestHeader(c, 'Origin');
    if (origin !== undefined) {
      if (this.#origins.has(origin) || this.#isOwnOrigin(c, origin)) return;
      throw new DomainError(
        'FORBIDDEN_ORIGIN',
        `the control API does not serve pages of ${origin}: only the mock's own origin and those given with --allow-origin`,
      );
    }
    const site = requestHeader(c, 'Sec-Fetch-Site');
    if (site === 'cross-site' || site === 'same-site') {
      throw new DomainError(
        'FORBIDDEN_ORIGIN',
        `the control API does not serve another site's page (Sec-Fetch-Site: ${site})`,
      );
    }
  }

  #isOwnOrigin(c: Context, origin: string): boolean {
    const own = originOf(origin);
    return own !== undefined && own === hostOrigin(requestHeader(c, 'Host'));
  }
}

/** The http origin of a `Host` header (the mock serves plain http), or undefined. */
function hostOrigin(host: string | undefined): string | undefined {
  return host === undefined ? undefined : originOf(`http://${host}`);
}

/** The host of a serialised origin, normalized (brackets off, lower case). */
function hostOfUrl(origin: string): string {
  return normalizeHost(new URL(origin).hostname);
}
