/**
 * Whether the mock plays the variation axes on the wire (errors) and in behaviour (tokens): the fragile CRM's matrix
 * needs both, and its test asserts them first, so that a mock ignoring `vary` fails with the variant it does not play.
 *
 * @module
 */

import { parseVary } from '@omnikit/contracts/variants';
import { startMockOmni } from '../../src/fixtures/start-mock-omni.js';

const authorize = (baseUrl: string, systemKey: string) =>
  fetch(`${baseUrl}/omni/user/authorize`, {
    method: 'POST',
    headers: { authorization: `Key=${systemKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ user_name: 'agent1', password: btoa('password1') }),
  }).then((r) => r.json() as Promise<{ token_key: string; user_id: number | string }>);

/**
 * The variants the mock does not play, each saying what it answered instead: without them every variant looks like
 * the default and the CRM passes everywhere.
 */
export async function missingVariants(): Promise<string[]> {
  const missing: string[] = [];
  const wire = await startMockOmni({ vary: parseVary('errors=ok-false'), webhooks: false });
  try {
    const res = await fetch(`${wire.baseUrl}/omni/voice/1/call`, {
      method: 'POST',
      headers: {
        authorization: `Key=${wire.systemKey}`,
        tokenKey: 'no-such-token',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ phone_number: '0800555008' }),
    });
    if (res.status !== 200) missing.push(`errors=ok-false (a refusal answered ${res.status})`);
  } finally {
    await wire.close();
  }
  const tokens = await startMockOmni({ vary: parseVary('tokens=revoke-older'), webhooks: false });
  try {
    const first = await authorize(tokens.baseUrl, tokens.systemKey);
    await authorize(tokens.baseUrl, tokens.systemKey);
    const res = await fetch(`${tokens.baseUrl}/omni/users/${first.user_id}`, {
      headers: { authorization: `Key=${tokens.systemKey}`, tokenKey: first.token_key },
    });
    if (res.status === 200) missing.push('tokens=revoke-older (an older token still works)');
  } finally {
    await tokens.close();
  }
  return missing;
}
