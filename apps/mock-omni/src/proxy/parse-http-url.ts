/**
 * Reads an http(s) URL a user gives the proxy (its target, the tap's CRM endpoint), refusing what
 * it cannot forward to with a sentence that says why.
 *
 * @module
 */

/**
 * An http(s) URL without credentials or fragment, and without a query unless `query` (a CRM's
 * endpoint may carry a tenant id; the target is a bare base URL); the error's words otherwise.
 */
export function parseHttpUrl(name: string, value: string, query = false): URL | string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${name} must be an http:// or https:// URL, not "${value}"`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `${name} must be an http:// or https:// URL, not "${value}"`;
  if (url.username || url.password) return `${name} must not carry credentials in the URL`;
  if ((url.search && !query) || url.hash)
    return `${name} must have no ${query ? 'fragment' : 'query or fragment'}, not "${value}"`;
  return url;
}
