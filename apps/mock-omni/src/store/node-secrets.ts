import { hash, randomFillSync } from 'node:crypto';
import type { Secrets } from '../engine/ports.js';

const TOKEN_BYTES = 32;
const POOL_BYTES = TOKEN_BYTES * 128;

/**
 * The engine's `Secrets` on node:crypto: 32 random bytes per token, SHA-256 in hex. The random
 * bytes are drawn from the CSPRNG 4 KiB at a time (one call instead of one per token: a
 * per-token call cost as much as the rest of an authorize); each token takes bytes no other uses.
 */
export function createNodeSecrets(): Secrets {
  const pool = Buffer.allocUnsafe(POOL_BYTES);
  let offset = POOL_BYTES;
  return {
    randomToken() {
      if (offset + TOKEN_BYTES > POOL_BYTES) {
        randomFillSync(pool);
        offset = 0;
      }
      const token = pool.toString('base64url', offset, offset + TOKEN_BYTES);
      offset += TOKEN_BYTES;
      return token;
    },
    // One-shot hash: it runs on every authenticated request.
    sha256Hex: (text) => hash('sha256', text, 'hex'),
  };
}
