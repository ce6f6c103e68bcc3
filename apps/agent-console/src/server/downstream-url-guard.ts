/**
 * The console forwards every notification to `--downstream-url`. Pointed at the mock's own control
 * API (`/__mock` on the Omni URL's address and port), each forward would drive it — with no system
 * key, on the mock's default system (a reset wipes it). Such a URL is refused at start; the mock
 * refuses a request carrying `X-Omni-Notification-Id` on its control API as well, for the aliases
 * this check cannot see (another of the machine's addresses when the mock listens on 0.0.0.0).
 *
 * @module
 */

import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isControlApiPath } from '@omnikit/contracts/control';

/** How the guard finds a host name's addresses (the system resolver unless a test injects one). */
export type ResolveHost = (host: string) => Promise<string[]>;

const systemResolver: ResolveHost = async (host) => (await lookup(host, { all: true })).map((a) => a.address);

/** The sentence that refuses the downstream URL, or undefined when it does not reach the control API. */
export async function downstreamUrlProblem(
  downstreamUrl: string,
  omniUrl: string,
  resolve: ResolveHost = systemResolver,
): Promise<string | undefined> {
  let downstream: URL;
  let omni: URL;
  try {
    downstream = new URL(downstreamUrl);
    omni = new URL(omniUrl);
  } catch {
    return undefined;
  }
  if (!isControlApiPath(downstream.pathname) || portOf(downstream) !== portOf(omni)) return undefined;
  const [mine, theirs] = await Promise.all([addressesOf(downstream, resolve), addressesOf(omni, resolve)]);
  const local = (a: string) => isLoopback(a) || a === '0.0.0.0' || a === '::';
  const same = mine.some((a) => theirs.includes(a) || (local(a) && theirs.some(local)));
  return same
    ? `--downstream-url ${downstreamUrl} is the mock's own control API (${omni.host}/__mock): forwarded notifications would drive it; give your receiver's URL`
    : undefined;
}

function portOf(url: URL): number {
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

async function addressesOf(url: URL, resolve: ResolveHost): Promise<string[]> {
  const host = normalize(url.hostname);
  if (isIP(host) !== 0) return [host];
  if (host === 'localhost' || host.endsWith('.localhost')) return ['127.0.0.1', '::1'];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string[]>((r) => {
    timer = setTimeout(() => r([]), 2000);
  });
  const found = await Promise.race([resolve(host).catch(() => [] as string[]), timeout]).finally(() =>
    clearTimeout(timer),
  );
  return found.map(normalize);
}

/** Brackets off, lower case, no trailing dot, IPv4-mapped IPv6 as IPv4. */
function normalize(host: string): string {
  let h = host.toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.endsWith('.')) h = h.slice(0, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(h);
  if (mapped) {
    const hi = Number.parseInt(mapped[1] as string, 16);
    const lo = Number.parseInt(mapped[2] as string, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return h.startsWith('::ffff:') && isIP(h.slice(7)) === 4 ? h.slice(7) : h;
}

function isLoopback(address: string): boolean {
  return address === '::1' || (isIP(address) === 4 && address.startsWith('127.'));
}
