/**
 * Which headers a proxy must not pass on (RFC 9110 §7.6.1): `Connection` and every header it
 * names, and the connection-specific `Proxy-Connection`, `Keep-Alive`, `TE`, `Transfer-Encoding`
 * and `Upgrade`. Everything else goes through as it came, names' case and order kept; `Host` is
 * the target's.
 *
 * @module
 */

const ALWAYS = new Set(['connection', 'proxy-connection', 'keep-alive', 'te', 'transfer-encoding', 'upgrade']);

/** The header names a message's `Connection` header lists (lower case). */
function connectionListed(raw: readonly string[]): Set<string> {
  const listed = new Set<string>();
  for (let i = 0; i < raw.length; i += 2) {
    if ((raw[i] as string).toLowerCase() !== 'connection') continue;
    for (const name of (raw[i + 1] as string).split(',')) listed.add(name.trim().toLowerCase());
  }
  return listed;
}

/**
 * The end-to-end headers of a message, as Node's flat raw list (`[name, value, name, value…]`),
 * with `Host` replaced by `host` when given.
 */
export function endToEndHeaders(raw: readonly string[], host?: string): string[] {
  const listed = connectionListed(raw);
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    const lower = name.toLowerCase();
    if (ALWAYS.has(lower) || listed.has(lower)) continue;
    if (lower === 'host' && host !== undefined) continue;
    out.push(name, raw[i + 1] as string);
  }
  if (host !== undefined) out.unshift('Host', host);
  return out;
}

/** A raw header list as the recording keeps it: lower-case names, repeated ones as arrays. */
export function headerRecord(raw: readonly string[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    const value = raw[i + 1] as string;
    const had = out[name];
    out[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return out;
}
