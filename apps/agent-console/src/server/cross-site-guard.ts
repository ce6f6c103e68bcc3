/**
 * The cross-site check of sign-in, the one mutating route without a CSRF token: another site's
 * page could otherwise sign the visitor's browser in as an agent of its choosing (login CSRF; the
 * cookie's SameSite=Strict does not stop a top-level form post from setting it). A browser says where
 * a request comes from in `Origin` and `Sec-Fetch-Site`; the console's own page is same-origin (also
 * behind Vite's dev proxy) or comes from the public URL. Requests without either header (node's own
 * clients, curl) pass: they are no browser page.
 *
 * @module
 */

import { originOf } from '@omnikit/contracts/host';
import type { Context } from 'hono';
import { ConsoleHttpError } from './console-http-error.js';

/**
 * Throws 403 `CSRF_REJECTED` unless the request comes from the console's own origin (the request's
 * `Host`) or from `publicUrl`'s origin: a foreign or opaque (`null`) `Origin`, or
 * `Sec-Fetch-Site: cross-site` / `same-site` (another port or subdomain is another page).
 */
export function refuseCrossSite(c: Context, publicUrl: string | undefined): void {
  const why = crossSiteSource(c, publicUrl);
  if (why !== undefined)
    throw new ConsoleHttpError(
      'CSRF_REJECTED',
      `Sign-in is accepted only from the console’s own page; this request came from ${why}.`,
    );
}

/** Where a request from another page came from, in words; undefined for the console's own page or no page. */
function crossSiteSource(c: Context, publicUrl: string | undefined): string | undefined {
  const site = c.req.header('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return `another site’s page (Sec-Fetch-Site: ${site})`;
  const origin = c.req.header('origin');
  if (origin === undefined) return undefined;
  const given = originOf(origin);
  if (given === undefined) return `a page without an origin (Origin: ${origin.slice(0, 100)})`;
  const host = c.req.header('host');
  const own = host === undefined ? undefined : originOf(`${new URL(given).protocol}//${host}`);
  const pub = publicUrl === undefined ? undefined : originOf(publicUrl);
  return given === own || given === pub ? undefined : `a page of ${given}`;
}
