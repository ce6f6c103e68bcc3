/**
 * The registrar's digest nonces. sip.js answers the first challenge, then re-uses the nonce on later REGISTERs with
 * `nc` + 1 (one round trip instead of two), so each nonce is kept for its lifetime and its highest `nc` is remembered:
 * a lower or equal `nc` is a replay. An expired or unknown nonce is "stale" — the registrar answers 401 with
 * `stale=true` and a fresh nonce, and the client retries without asking its user for the password again.
 *
 * Time comes from `now` (wall clock: nonce lifetime is SIP transport timing, not simulation time).
 *
 * @module
 */

import { randomBytes } from 'node:crypto';

export type NonceCheck = 'ok' | 'stale' | 'replay';

export interface NonceStoreOptions {
  now: () => number;
  lifetimeMs: number;
  /** Oldest nonces are forgotten beyond this many (a flood of unanswered challenges cannot grow memory). */
  maxNonces: number;
}

export interface NonceStore {
  issue(): string;
  /** `nc` is the 8-hex-digit count of qop=auth credentials. */
  check(nonce: string, nc: string): NonceCheck;
  /** Forgets expired nonces. */
  sweep(): void;
  readonly size: number;
}

interface NonceEntry {
  expiresAt: number;
  lastNc: number;
}

export function createNonceStore(options: NonceStoreOptions): NonceStore {
  // A Map iterates in insertion order, which is issue order: the first entries are the oldest.
  const entries = new Map<string, NonceEntry>();

  return {
    issue() {
      const nonce = randomBytes(18).toString('base64url');
      entries.set(nonce, { expiresAt: options.now() + options.lifetimeMs, lastNc: 0 });
      while (entries.size > options.maxNonces) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
      return nonce;
    },
    check(nonce, nc) {
      const entry = entries.get(nonce);
      if (!entry) return 'stale';
      if (options.now() >= entry.expiresAt) {
        entries.delete(nonce);
        return 'stale';
      }
      const count = /^[0-9a-fA-F]{8}$/.test(nc) ? Number.parseInt(nc, 16) : Number.NaN;
      if (!(count > entry.lastNc)) return 'replay';
      entry.lastNc = count;
      return 'ok';
    },
    sweep() {
      const now = options.now();
      for (const [nonce, entry] of entries) {
        if (now >= entry.expiresAt) entries.delete(nonce);
      }
    },
    get size() {
      return entries.size;
    },
  };
}
