/**
 * `--host` as an omni-mock command reads it: an IPv4 address, an IPv6 address bare (`::1`) or in
 * the brackets a URL writes it in (`[::1]`, what the "listening on" line prints), or a host name.
 * It answers the form `listen()` takes, brackets off: given to `listen()`, `[::1]` is looked up as a
 * host name and fails (ENOTFOUND) after the options were taken.
 *
 * @module
 */

import { isIP } from 'node:net';

/** A host name as `listen()` resolves it: letters, digits, dots, hyphens (underscores tolerated). */
const HOST_NAME = /^[A-Za-z0-9._-]+$/;

/**
 * The address to listen on, or the one-line error the CLI prints. `text` undefined (the flag
 * absent) gives `fallback`.
 *
 * @example
 * parseHostOption('[::1]', '127.0.0.1'); // { host: '::1' }
 */
export function parseHostOption(text: string | undefined, fallback: string): { host: string } | { error: string } {
  if (text === undefined) return { host: fallback };
  const bracketed = /^\[(.*)\]$/.exec(text)?.[1];
  if (bracketed !== undefined) {
    if (isIP(bracketed) === 6) return { host: bracketed };
    return { error: `--host takes brackets around an IPv6 address only (--host [::1]), not "${text}"` };
  }
  if (isIP(text) !== 0 || (HOST_NAME.test(text) && !text.includes(':'))) return { host: text };
  return { error: `--host must be an address or host name (127.0.0.1, ::1, [::1], localhost), not "${text}"` };
}
