import { describe, expect, it } from 'vitest';
import { controlOpenApiDocument } from '../src/control/index.js';
import { isSecretField, omniOpenApiDocument, SECRET_FIELDS } from '../src/index.js';

/**
 * The secret field names are declared once (`SECRET_FIELDS`) and the mock masks them wherever it
 * keeps or logs a body. This test keeps the list complete by construction: every property,
 * parameter and credential name in both OpenAPI documents that looks like it could hold a secret
 * must be either on the list or below with the reason it is not one.
 */
const NOT_SECRET: Record<string, string> = {
  secret_set: 'a boolean saying whether a webhook secret is set',
  token_lifetime_seconds: 'how long tokens live, a number',
  tokens: 'the name of a variation axis (what authorize does to older tokens), holding a value such as `several`',
};
const LOOKS_SECRET = /pass|secret|token|key|auth|cred/i;

function namesIn(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) namesIn(item, out);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.properties && typeof o.properties === 'object') for (const k of Object.keys(o.properties)) out.add(k);
    if (typeof o.in === 'string' && typeof o.name === 'string') out.add(o.name);
    for (const v of Object.values(o)) namesIn(v, out);
  }
  return out;
}

describe('SECRET_FIELDS', () => {
  const names = namesIn([omniOpenApiDocument(), controlOpenApiDocument()]);

  it('classifies every secret-looking name of both OpenAPI documents', () => {
    const unclassified = [...names].filter((n) => LOOKS_SECRET.test(n) && !isSecretField(n) && !(n in NOT_SECRET));
    expect(unclassified).toEqual([]);
  });

  it('names fields the documents really have (no stale entry), every credential among them', () => {
    const inDocs = SECRET_FIELDS.filter((n) => names.has(n));
    expect(inDocs).toEqual(
      expect.arrayContaining([
        'password',
        'webrtc_password',
        'secret',
        'token_key',
        'tokenKey',
        'auth-key',
        'Authorization',
      ]),
    );
    // `auth_key` is the sample webphone's setting (A.8), not a route field: listed so a body carrying it is masked.
    expect(SECRET_FIELDS.filter((n) => !names.has(n))).toEqual(['auth_key']);
  });

  it('matches a name without regard to case, _ or -', () => {
    for (const n of ['tokenKey', 'token_key', 'TOKEN-KEY', 'TokenKey', 'auth-key', 'AUTH_KEY', 'authorization']) {
      expect(isSecretField(n), n).toBe(true);
    }
    for (const n of ['secret_set', 'user_name', 'passwords', 'key', 'token']) expect(isSecretField(n), n).toBe(false);
  });
});
