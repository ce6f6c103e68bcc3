import { describe, expect, it } from 'vitest';
import { customerReplySentence } from '../../../src/engine/messaging/customer-reply.js';
import { Rng } from '../../../src/engine/rng.js';

describe('a customer reply sentence', () => {
  it('the same seed writes the same replies; another seed others', () => {
    const a = Rng.fromSeed('demo');
    const b = Rng.fromSeed('demo');
    const fromA = Array.from({ length: 20 }, () => customerReplySentence(a));
    expect(Array.from({ length: 20 }, () => customerReplySentence(b))).toEqual(fromA);
    const c = Rng.fromSeed('other');
    expect(Array.from({ length: 20 }, () => customerReplySentence(c))).not.toEqual(fromA);
  });

  it('reads as one sentence: a greeting, a comma, a request or a statement, punctuation', () => {
    const rng = Rng.fromSeed(3);
    for (let i = 0; i < 500; i++) {
      const s = customerReplySentence(rng);
      expect(s).toMatch(
        /^[A-Z][A-Za-z ]*, (can you .+\?|my .+\.|I would like to .+\.)( (Thanks\.|Thank you!|Cheers\.|Much appreciated\.))?$/,
      );
      expect(s.length).toBeLessThan(120);
    }
  });

  it('varies: many distinct sentences over a run, every form used', () => {
    const rng = Rng.fromSeed(4);
    const all = Array.from({ length: 500 }, () => customerReplySentence(rng));
    expect(new Set(all).size).toBeGreaterThan(400);
    expect(all.some((s) => s.includes('can you'))).toBe(true);
    expect(all.some((s) => s.includes('I would like to'))).toBe(true);
    expect(all.some((s) => / my \w+ (has|is|shows|was|looks|needs)/.test(s))).toBe(true);
  });

  it('is a fixed sentence for a fixed seed (a recorded demo stays true)', () => {
    const first = customerReplySentence(Rng.fromSeed(1));
    expect(customerReplySentence(Rng.fromSeed(1))).toBe(first);
    expect(first).toMatchInlineSnapshot(`"Hey, can you resend my booking this afternoon?"`);
  });
});
