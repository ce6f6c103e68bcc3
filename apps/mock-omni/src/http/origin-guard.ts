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
 * Requests without these headers (node's own clients, `app.request` in tests) pass.
 *
 * @module
 */

import { isIP } from 'node:net';
import { NOTIFICATION_HEADERS } from '@omnikit/contracts';
import type { Context } from 'hono';
import { DomainError } from '../engine/domain-error.js';
import { hostOfHeader, isLoopbackHost, normalizeHost } from './host-address.js';
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
    if (this.#anyHost) return;
    const header = requestHeader(c, 'Host');
    if (header === undefined || this.#accepted.has(header)) return;
    const host = hostOfHeader(header);
    if (isIP(host) !== 0 || isLoopbackHost(host) || this.#names.has(host)) {
      if (this.#accepted.size < HOST_CACHE_LIMIT) this.#accepted.add(header);
      return;
    }
    throw new DomainError(
      'FORBIDDEN_ORIGIN',
      `the mock does not serve the host "${host}" (a DNS-rebinding page would come this way): use 127.0.0.1 or localhost, or start the mock with --allow-host ${host}`,
    );
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
    const host = requestHeader(c, 'Host');
    if (host === undefined) return false;
    const own = originOf(origin);
    return own !== undefined && own === originOf(`http://${host}`);
  }
}

/** The serialised origin of a URL (`http://127.0.0.1:4020`), or undefined when it is none. */
function originOf(value: string): string | undefined {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}
