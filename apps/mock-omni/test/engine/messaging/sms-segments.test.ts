import { describe, expect, it } from 'vitest';
import {
  countSmsSegments,
  GSM7_BASIC_CHARACTERS,
  GSM7_EXTENSION_CHARACTERS,
  smsEncoding,
  splitSmsSegments,
} from '../../../src/engine/messaging/sms-segments.js';
import { Rng } from '../../../src/engine/rng.js';

const gsm = (n: number): string => 'a'.repeat(n);
const ucs = (n: number): string => 'ж'.repeat(n);

describe('the GSM-7 tables (TS 23.038, transcribed)', () => {
  it('the default alphabet has 127 characters besides the escape, the extension table 10', () => {
    expect([...GSM7_BASIC_CHARACTERS]).toHaveLength(127);
    expect(new Set(GSM7_BASIC_CHARACTERS).size).toBe(127);
    expect([...GSM7_EXTENSION_CHARACTERS].sort()).toEqual(['\f', '[', '\\', ']', '^', '{', '|', '}', '~', '€'].sort());
  });

  it.each([
    ['plain ASCII letters and digits', 'Hello 123', 'GSM-7'],
    ['the extension characters', '^{}\\[~]|€', 'GSM-7'],
    ['Greek capitals of the default alphabet', 'ΔΦΓΛΩΠΨΣΘΞ', 'GSM-7'],
    ['a backtick (not in either table)', 'a`b', 'UCS-2'],
    ['a lower-case c cedilla (only the capital is in the table)', 'ç', 'UCS-2'],
    ['a curly apostrophe', 'don’t', 'UCS-2'],
    ['an emoji', 'ok 👍', 'UCS-2'],
    ['Cyrillic', 'Привет', 'UCS-2'],
  ])('%s → %s', (_what, body, encoding) => {
    expect(smsEncoding(body)).toBe(encoding);
  });
});

describe('GSM-7: 160 alone, 153 per part', () => {
  it.each([
    [0, 0],
    [1, 1],
    [160, 1],
    [161, 2],
    [306, 2],
    [307, 3],
    [459, 3],
    [460, 4],
  ])('%i characters → %i segments', (n, segments) => {
    expect(countSmsSegments(gsm(n))).toEqual({ encoding: 'GSM-7', segments, characters: n, units: n });
  });

  it('an extension character costs two septets', () => {
    expect(countSmsSegments(`${gsm(158)}€`)).toEqual({ encoding: 'GSM-7', segments: 1, characters: 159, units: 160 });
    expect(countSmsSegments(`${gsm(159)}€`)).toEqual({ encoding: 'GSM-7', segments: 2, characters: 160, units: 161 });
    expect(countSmsSegments('{}'.repeat(40))).toMatchObject({ segments: 1, units: 160 });
    expect(countSmsSegments('{}'.repeat(40) + '[')).toMatchObject({ segments: 2, units: 162 });
  });

  it('an escape pair is never split: a € at septet 153 moves to the next part', () => {
    // 152 + 2 + 152 = 306 septets, which would fit two parts of 153 if the pair could be split.
    const body = `${gsm(152)}€${gsm(152)}`;
    expect(countSmsSegments(body)).toEqual({ encoding: 'GSM-7', segments: 3, characters: 305, units: 306 });
    expect(splitSmsSegments(body)).toEqual([gsm(152), `€${gsm(151)}`, 'a']);
    // One septet earlier the pair ends the first part exactly.
    expect(countSmsSegments(`${gsm(151)}€${gsm(153)}`)).toMatchObject({ segments: 2, units: 306 });
  });

  it('new lines count as one septet each', () => {
    expect(countSmsSegments('\n'.repeat(160))).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });
});

describe('UCS-2: 70 alone, 67 per part, in UTF-16 units', () => {
  it.each([
    [1, 1],
    [70, 1],
    [71, 2],
    [134, 2],
    [135, 3],
    [201, 3],
    [202, 4],
  ])('%i characters → %i segments', (n, segments) => {
    expect(countSmsSegments(ucs(n))).toEqual({ encoding: 'UCS-2', segments, characters: n, units: n });
  });

  it('one non-GSM character turns a 160-character body into three UCS-2 parts', () => {
    expect(countSmsSegments(`${gsm(159)}’`)).toEqual({ encoding: 'UCS-2', segments: 3, characters: 160, units: 160 });
  });

  it('an extension character is one unit in UCS-2', () => {
    expect(countSmsSegments(`${ucs(69)}€`)).toMatchObject({ encoding: 'UCS-2', segments: 1, units: 70 });
  });

  it('an emoji is two units', () => {
    expect(countSmsSegments('👍'.repeat(35))).toEqual({ encoding: 'UCS-2', segments: 1, characters: 35, units: 70 });
    expect(countSmsSegments(`${'👍'.repeat(35)}a`)).toMatchObject({ segments: 2, units: 71 });
  });

  it('an emoji is never split: one at unit 67 moves to the next part', () => {
    // 66 + 2 + 66 = 134 units, two parts of 67 if the surrogate pair could be split.
    const body = `${ucs(66)}👍${ucs(66)}`;
    expect(countSmsSegments(body)).toEqual({ encoding: 'UCS-2', segments: 3, characters: 133, units: 134 });
    expect(splitSmsSegments(body)).toEqual([ucs(66), `👍${ucs(65)}`, 'ж']);
    expect(countSmsSegments(`${ucs(65)}👍${ucs(67)}`)).toMatchObject({ segments: 2, units: 134 });
  });
});

describe('the parts themselves (seeded bodies)', () => {
  // Characters of every kind: basic, extension (two septets), non-GSM BMP, and astral (a surrogate pair).
  const POOL = ['a', 'Z', '0', ' ', '\n', 'é', 'Δ', '€', '{', '^', '|', 'ж', '’', 'ç', '👍', '😀'];
  const unitsOf = (part: string, encoding: string): number =>
    encoding === 'UCS-2'
      ? part.length
      : [...part].reduce((n, ch) => n + (GSM7_EXTENSION_CHARACTERS.includes(ch) ? 2 : 1), 0);

  it('each part fits its limit, no character is split, the parts join to the body, and no part could take more', () => {
    const rng = Rng.fromSeed('sms-parts');
    for (let run = 0; run < 400; run++) {
      const gsmOnly = rng.chance(0.5);
      const pool = gsmOnly ? POOL.filter((c) => smsEncoding(c) === 'GSM-7') : POOL;
      const length = rng.int(0, 500);
      let body = '';
      for (let i = 0; i < length; i++) body += rng.pick(pool);
      const { encoding, segments } = countSmsSegments(body);
      const parts = splitSmsSegments(body);
      expect(parts).toHaveLength(segments);
      expect(parts.join('')).toBe(body);
      const limit = parts.length > 1 ? (encoding === 'GSM-7' ? 153 : 67) : encoding === 'GSM-7' ? 160 : 70;
      parts.forEach((part, i) => {
        expect(unitsOf(part, encoding)).toBeLessThanOrEqual(limit);
        // A lone surrogate at either end would mean a split emoji.
        expect(part).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
        const next = parts[i + 1];
        if (next !== undefined) {
          const first = [...next][0] as string;
          expect(unitsOf(part, encoding) + unitsOf(first, encoding)).toBeGreaterThan(limit);
        }
      });
    }
  });
});
