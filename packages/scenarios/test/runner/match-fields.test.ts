import { describe, expect, it } from 'vitest';
import { m } from '../../src/index.js';
import { mismatches } from '../../src/runner/match-fields.js';

describe('field matchers', () => {
  const refs = (name: string) => (name === 'c1' ? 41 : undefined);
  it('literals, refs, bounds, oneOf, not, regex, present, dotted paths', () => {
    const actual = { a: 1, b: 'x', c: 41, d: 5, e: 'SALE', f: '', g: { ready: 2 } };
    expect(
      mismatches(
        actual,
        {
          a: 1,
          b: m.oneOf('x', 'y'),
          c: m.ref('c1'),
          d: m.between(1, 5),
          e: m.regex('^SA'),
          f: m.absent(),
          'g.ready': m.gte(2),
        },
        refs,
      ),
    ).toEqual([]);
    expect(
      mismatches(actual, { a: 2, c: m.ref('zz'), d: m.lte(4), b: m.not('x'), e: m.present(), h: m.gt(0) }, refs),
    ).toEqual([
      'a: expected 2, got 1',
      'c: "zz" names nothing this run made',
      'd: expected ≤ 4, got 5',
      'b: expected anything but "x"',
      'h: expected a number, got nothing',
    ]);
  });
});
