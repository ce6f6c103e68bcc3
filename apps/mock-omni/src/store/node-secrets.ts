import { hash, randomBytes } from 'node:crypto';
import type { Secrets } from '../engine/ports.js';

/** The engine's `Secrets` on node:crypto: 32 random bytes per token, SHA-256 in hex. */
export function createNodeSecrets(): Secrets {
  return {
    randomToken: () => randomBytes(32).toString('base64url'),
    // One-shot hash: it runs on every authenticated request.
    sha256Hex: (text) => hash('sha256', text, 'hex'),
  };
}
