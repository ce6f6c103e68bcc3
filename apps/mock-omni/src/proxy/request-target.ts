/**
 * A request's target as the proxy forwards and records it. Forwarded, it is the client's own bytes,
 * in origin form (`/path?query`): an absolute-form target (`http://host/path?query`, what a client
 * sends when it is configured to use the proxy as its HTTP proxy) becomes its path and query, which
 * RFC 9112 §3.2.2 asks a server to accept. Recorded, it is read as a path, never as a URL relative
 * to something: `//omni/users` is the path `//omni/users` that went to the target, not the host
 * `omni` and the path `/users`.
 *
 * @module
 */

const ABSOLUTE_FORM = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The origin form of a request target (`/path?query`); anything else (`*`) as it came. */
export function originForm(target: string): string {
  if (!ABSOLUTE_FORM.test(target)) return target;
  try {
    const url = new URL(target);
    return `${url.pathname}${url.search}`;
  } catch {
    return target;
  }
}

/** A request target read for the recording: its path and query exactly as they were forwarded. */
export function targetUrl(target: string): URL {
  return new URL(target.startsWith('/') ? `http://proxy${target}` : `/${target}`, 'http://proxy');
}
