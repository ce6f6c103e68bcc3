/**
 * Whether a URL path reaches the mock's control API.
 *
 * @module
 */

/** The prefix every control route's path starts with. */
export const CONTROL_PATH_PREFIX = '/__mock';

/**
 * `/__mock…` as a router reads the path: percent-decoded, in any case, repeated slashes as one.
 * A URL that leads here must never be a notification endpoint or a forwarding target, or a
 * webhook could drive the mock it came from.
 */
export function isControlApiPath(pathname: string): boolean {
  let path = pathname;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    // A malformed escape stays as written.
  }
  return path
    .replace(/\/{2,}/g, '/')
    .toLowerCase()
    .startsWith(CONTROL_PATH_PREFIX);
}
