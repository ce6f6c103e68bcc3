/**
 * Host names and addresses as a request or a URL gives them, made comparable: brackets off, lower case, no trailing
 * dot, and an IPv4-mapped IPv6 address (`::ffff:7f00:1`, as WHATWG URL writes `[::ffff:127.0.0.1]`) as the IPv4
 * address it reaches. The same rule as the mock's (`apps/mock-omni/src/http/host-address.ts`), which the console
 * does not depend on at run time.
 *
 * @module
 */

import { isIP } from 'node:net';

export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.endsWith('.')) h = h.slice(0, -1);
  return unmapIpv4(h);
}

/** The host part of a `Host` header (`name`, `name:port`, `[v6]:port`), normalized. */
export function hostOfHeader(header: string): string {
  const h = header.trim();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return normalizeHost(end < 0 ? h : h.slice(0, end + 1));
  }
  const colon = h.lastIndexOf(':');
  return normalizeHost(colon < 0 ? h : h.slice(0, colon));
}

function unmapIpv4(h: string): string {
  if (!h.startsWith('::ffff:') || isIP(h) !== 6) return h;
  const rest = h.slice(7);
  if (isIP(rest) === 4) return rest;
  const m = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(rest);
  if (!m) return h;
  const hi = Number.parseInt(m[1] as string, 16);
  const lo = Number.parseInt(m[2] as string, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** 127.0.0.0/8, ::1, `localhost` and its subdomains (RFC 6761: they never leave the machine). */
export function isLoopbackHost(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    (isIP(host) === 4 && host.startsWith('127.'))
  );
}
