/**
 * `@omnikit/contracts/host`: host names, addresses and origins as a request or a URL gives them, made comparable —
 * brackets off, lower case, no trailing dot, and an IPv4-mapped IPv6 address (`::ffff:7f00:1`, as WHATWG URL writes
 * `[::ffff:127.0.0.1]`) as the IPv4 address it reaches. The one rule of the mock's and the agent console's guards
 * against DNS rebinding and other sites' pages (which names are this machine's, which origin a page has), shared so
 * the two servers cannot drift apart; neither depends on the other at run time.
 *
 * @module
 */

/** A dotted IPv4 address as Node's `isIP` takes it (no leading zeros, each part at most 255). */
const IPV4 =
  /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;

/** Whether `host` is a dotted IPv4 address. */
export function isIPv4(host: string): boolean {
  return IPV4.test(host);
}

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
  if (!h.startsWith('::ffff:')) return h;
  const rest = h.slice(7);
  if (isIPv4(rest)) return rest;
  const m = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(rest);
  if (!m) return h;
  const hi = Number.parseInt(m[1] as string, 16);
  const lo = Number.parseInt(m[2] as string, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** 127.0.0.0/8, ::1, `localhost` and its subdomains (RFC 6761: they never leave the machine). */
export function isLoopbackHost(host: string): boolean {
  return (
    host === 'localhost' || host.endsWith('.localhost') || host === '::1' || (isIPv4(host) && host.startsWith('127.'))
  );
}

/** 0.0.0.0 and ::, which a connection treats as this machine and a server as every address. */
export function isUnspecifiedHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}

/** The serialised origin of a URL (`http://127.0.0.1:4020`), or undefined when it is none (`null`, not a URL). */
export function originOf(value: string): string | undefined {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}
