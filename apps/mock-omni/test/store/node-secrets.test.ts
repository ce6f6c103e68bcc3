/**
 * Tokens come from a pool of CSPRNG bytes refilled 4 KiB at a time: each takes bytes of its own.
 *
 * @module
 */

import { describe, expect, it } from 'vitest';
import { createNodeSecrets } from '../../src/store/node-secrets.js';

describe('node secrets', () => {
  it('gives 32-byte base64url tokens, all different, across many pool refills', () => {
    const secrets = createNodeSecrets();
    const tokens = Array.from({ length: 1000 }, () => secrets.randomToken());
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
    // No token is a shifted copy of the bytes of another (a pool handed out twice, or overlapping).
    const bytes = tokens.map((t) => Buffer.from(t, 'base64url').toString('hex'));
    const halves = new Set(bytes.flatMap((b) => [b.slice(0, 32), b.slice(32)]));
    expect(halves.size).toBe(2 * tokens.length);
  });

  it('hashes with SHA-256 in hex', () => {
    expect(createNodeSecrets().sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
