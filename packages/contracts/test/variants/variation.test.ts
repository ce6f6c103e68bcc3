import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VARIATION,
  describeVariation,
  formatVariation,
  isDefaultVariation,
  parseVary,
  randomVariation,
  VARIATION_AXES,
  VaryError,
  variationMatrix,
} from '../../src/variants/index.js';

describe('the axes table', () => {
  it('names the six axes of the issue, each value once, with its effect and why it is plausible', () => {
    expect(VARIATION_AXES.map((a) => [a.name, a.values.map((v) => v.name)])).toEqual([
      ['errors', ['coded', 'ok-false', 'status-only']],
      ['dates', ['iso-z', 'vicidial', 'iso-offset']],
      ['ids', ['integers', 'strings']],
      ['tokens', ['several', 'revoke-older', 'short-lived']],
      ['notifications', ['signed', 'unsigned', 'twice', 'swapped', 'at-most-once']],
      ['extras', ['exact', 'extra-fields']],
    ]);
    for (const a of VARIATION_AXES) {
      for (const v of a.values) {
        expect(v.effect.length, `${a.name}=${v.name}`).toBeGreaterThan(10);
        expect(v.plausible.length, `${a.name}=${v.name}`).toBeGreaterThan(10);
      }
    }
  });

  it('each value cites why it is plausible: a wiki page, VICIdial (Part C), or the omni-api.md section it keeps', () => {
    const cites = /\bpages? \d{10}\b|VICIdial|Part C|\bB\.\d+\b|Part A/;
    const uncited = VARIATION_AXES.flatMap((a) =>
      a.values.filter((v) => !cites.test(v.plausible)).map((v) => `${a.name}=${v.name}`),
    );
    expect(uncited).toEqual([]);
  });

  it('defaults to the contracts’ own shapes', () => {
    expect(DEFAULT_VARIATION).toEqual({
      errors: 'coded',
      dates: 'iso-z',
      ids: 'integers',
      tokens: 'several',
      notifications: 'signed',
      extras: 'exact',
    });
    expect(isDefaultVariation(DEFAULT_VARIATION)).toBe(true);
  });
});

describe('--vary text', () => {
  it.each([
    ['', 'default'],
    ['default', 'default'],
    ['errors=ok-false', 'errors=ok-false'],
    ['dates=vicidial, errors=ok-false', 'errors=ok-false,dates=vicidial'],
    ['ids=integers', 'default'],
    ['notifications=at-most-once,extras=extra-fields', 'notifications=at-most-once,extras=extra-fields'],
  ])('reads %j as %s, the other axes at their defaults', (text, formatted) => {
    const v = parseVary(text);
    expect(formatVariation(v)).toBe(formatted);
    expect(parseVary(formatVariation(v))).toEqual(v);
  });

  it('keeps every unnamed axis at its default', () => {
    expect(parseVary('tokens=short-lived')).toEqual({ ...DEFAULT_VARIATION, tokens: 'short-lived' });
  });

  it.each([
    ['colour=red', /unknown axis "colour" \(axes: errors, dates, ids, tokens, notifications, extras\)/],
    ['errors=teapot', /unknown value "teapot" for errors \(values: coded, ok-false, status-only\)/],
    ['errors=coded,errors=ok-false', /axis "errors" is given twice/],
    ['errors', /"errors" is not axis=value/],
    ['random', /--vary random needs a seed/],
  ])('refuses %j, saying what is allowed', (text, message) => {
    expect(() => parseVary(text)).toThrow(VaryError);
    expect(() => parseVary(text)).toThrow(message);
  });

  it.each([
    ['errors=', 'no value given for errors (values: coded, ok-false, status-only)'],
    ['errors= ', 'no value given for errors (values: coded, ok-false, status-only)'],
    ['dates=vicidial,ids=', 'no value given for ids (values: integers, strings)'],
    ['=x', `no axis named before '=' in "=x" (axes: errors, dates, ids, tokens, notifications, extras)`],
    ['=', `no axis named before '=' in "=" (axes: errors, dates, ids, tokens, notifications, extras)`],
    [
      ' =ok-false,dates=vicidial',
      `no axis named before '=' in "=ok-false" (axes: errors, dates, ids, tokens, notifications, extras)`,
    ],
  ])('refuses %j: a side of "=" left empty, said as missing', (text, message) => {
    expect(() => parseVary(text)).toThrow(VaryError);
    expect(() => parseVary(text)).toThrow(message);
  });

  it.each([
    ['errors=ok-false,', 'a trailing comma'],
    ['errors=ok-false, ', 'a trailing comma'],
    [',errors=ok-false', 'a leading comma'],
    ['errors=ok-false,,dates=vicidial', 'a doubled comma'],
    ['errors=ok-false, ,dates=vicidial', 'a doubled comma'],
  ])('refuses %j: an empty item, named as %s', (text, where) => {
    expect(() => parseVary(text)).toThrow(VaryError);
    expect(() => parseVary(text)).toThrow(
      `"${text.trim()}" has an empty item (${where}): separate axis=value pairs by single commas, e.g. errors=ok-false,dates=vicidial`,
    );
  });

  it('describes every axis for a banner', () => {
    expect(describeVariation(parseVary('ids=strings'))).toBe(
      'errors=coded,dates=iso-z,ids=strings,tokens=several,notifications=signed,extras=exact',
    );
  });
});

describe('random draws', () => {
  it('are the same for the same seed and a valid value on every axis', () => {
    for (const seed of [0, 1, 42, 2 ** 31, -7]) {
      const v = randomVariation(seed);
      expect(randomVariation(seed)).toEqual(v);
      expect(parseVary('random', seed)).toEqual(v);
      expect(parseVary(formatVariation(v))).toEqual(v);
    }
  });

  it('reach every value of every axis over a few dozen seeds', () => {
    const seen = new Map<string, Set<string>>();
    for (let seed = 0; seed < 60; seed++) {
      const v = randomVariation(seed) as unknown as Record<string, string>;
      for (const a of VARIATION_AXES) {
        const set = seen.get(a.name) ?? new Set();
        set.add(v[a.name] as string);
        seen.set(a.name, set);
      }
    }
    for (const a of VARIATION_AXES)
      expect([...(seen.get(a.name) ?? [])].sort()).toEqual(a.values.map((v) => v.name).sort());
  });
});

describe('the matrix --vary all runs', () => {
  it('is the default, then each non-default value alone, then the random draws', () => {
    const m = variationMatrix({ random: 2, seed: 7 });
    expect(m.map((n) => n.label)).toEqual([
      'default',
      'errors=ok-false',
      'errors=status-only',
      'dates=vicidial',
      'dates=iso-offset',
      'ids=strings',
      'tokens=revoke-older',
      'tokens=short-lived',
      'notifications=unsigned',
      'notifications=twice',
      'notifications=swapped',
      'notifications=at-most-once',
      'extras=extra-fields',
      'random#7',
      'random#8',
    ]);
    for (const n of m.slice(1, -2)) expect(formatVariation(n.variation)).toBe(n.label);
    expect(m[13]?.variation).toEqual(randomVariation(7));
  });
});
