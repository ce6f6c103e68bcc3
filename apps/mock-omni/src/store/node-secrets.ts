import { createHash, randomBytes } from 'node:crypto';
import type { Secrets } from '../engine/ports.js';

/** The engine's `Secrets` on node:crypto: 32 random bytes per token, SHA-256 in hex. */
export function createNodeSecrets(): Secrets {
  return {
    randomToken: () => randomBytes(32).toString('base64url'),
    sha256Hex: (text) => createHash('sha256').update(text).digest('hex'),
  };
}
