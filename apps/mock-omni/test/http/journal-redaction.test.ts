/**
 * What the request journal keeps of a value: secrets masked at any depth, bounded, serialisable.
 *
 * @module
 */

import { MAX_JSON_DEPTH, SECRET_MASK } from '@omnikit/contracts';
import { describe, expect, it } from 'vitest';
import {
  JOURNAL_MAX_VALUES,
  journalSafe,
  journalSafeQuery,
  TRUNCATED_DEEP,
  TRUNCATED_LARGE,
} from '../../src/http/journal-redaction.js';

function deepArray(levels: number): unknown {
  let v: unknown = [];
  for (let i = 1; i < levels; i++) v = [v];
  return v;
}

function depthOf(v: unknown): number {
  let d = 0;
  let cur = v;
  while (Array.isArray(cur)) {
    d++;
    cur = cur[0];
  }
  return d;
}

describe('journalSafe', () => {
  it('keeps a value with nothing to hide or cut as the same reference (no copy per request)', () => {
    const body = { list_name: 'J', campaign_id: 1, tags: ['a', { b: [1, 2] }] };
    expect(journalSafe(body)).toBe(body);
  });

  it('masks every secret field name of the contracts, at any depth, in any spelling', () => {
    const body = {
      user_name: 'agent1',
      password: 'cGFzc3dvcmQx',
      nested: [{ webrtc_password: 'webrtc1', deeper: { secret: 'hook-secret', tokenKey: 't', TOKEN_KEY: 'u' } }],
      'auth-key': 'k',
      keep: 'visible',
      none: null,
    };
    const kept = journalSafe(body);
    expect(kept).toEqual({
      user_name: 'agent1',
      password: SECRET_MASK,
      nested: [
        {
          webrtc_password: SECRET_MASK,
          deeper: { secret: SECRET_MASK, tokenKey: SECRET_MASK, TOKEN_KEY: SECRET_MASK },
        },
      ],
      'auth-key': SECRET_MASK,
      keep: 'visible',
      none: null,
    });
    expect(body.password).toBe('cGFzc3dvcmQx');
  });

  it('masks a URL’s password in any string', () => {
    expect(journalSafe({ url: 'https://crm:hunter2@crm.example/hook?x=1' })).toEqual({
      url: `https://crm:${SECRET_MASK}@crm.example/hook?x=1`,
    });
    expect(journalSafe('mail me at a@b.example')).toBe('mail me at a@b.example');
  });

  it(`cuts what is nested deeper than ${MAX_JSON_DEPTH} levels, marked, and serialises 100,000 levels`, () => {
    const kept = journalSafe({ x: deepArray(100_000) });
    const text = JSON.stringify(kept);
    expect(text).toContain(TRUNCATED_DEEP);
    expect(depthOf((kept as { x: unknown }).x)).toBe(MAX_JSON_DEPTH - 1);
    const atLimit = { x: deepArray(MAX_JSON_DEPTH - 1) };
    expect(journalSafe(atLimit)).toBe(atLimit);
  });

  it(`keeps at most ${JOURNAL_MAX_VALUES} values, the rest marked`, () => {
    const many = Array.from({ length: JOURNAL_MAX_VALUES + 50 }, (_, i) => i);
    const kept = journalSafe({ many }) as { many: unknown[] };
    expect(kept.many).toHaveLength(JOURNAL_MAX_VALUES);
    expect(kept.many.at(-1)).toBe(TRUNCATED_LARGE);
    const wide = Object.fromEntries(many.map((i) => [`k${i}`, i]));
    const keptWide = journalSafe(wide) as Record<string, unknown>;
    expect(keptWide['…']).toBe(TRUNCATED_LARGE);
    expect(Object.keys(keptWide)).toHaveLength(JOURNAL_MAX_VALUES + 1);
  });

  it('keeps a "__proto__" field as a field (a copy must not change its prototype)', () => {
    const body = JSON.parse('{"__proto__":{"polluted":true},"password":"p"}') as Record<string, unknown>;
    const kept = journalSafe(body) as Record<string, unknown>;
    expect(Object.getPrototypeOf(kept)).toBe(Object.prototype);
    expect(JSON.stringify(kept)).toBe(`{"__proto__":{"polluted":true},"password":"${SECRET_MASK}"}`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('journalSafeQuery', () => {
  it('masks secret query parameters, keeps the rest and their order', () => {
    expect(journalSafeQuery('?page=2&auth-key=omni-demo-key&status=NEW')).toBe(
      `?page=2&auth-key=${encodeURIComponent(SECRET_MASK)}&status=NEW`,
    );
    expect(journalSafeQuery('?page=2&status=NEW')).toBe('?page=2&status=NEW');
    expect(journalSafeQuery('?token_key=a&token_key=b')).not.toMatch(/=a|=b/);
    expect(journalSafeQuery('')).toBe('');
  });
});
