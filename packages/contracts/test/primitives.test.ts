import { describe, expect, it } from 'vitest';
import {
  base64Password,
  dateTimeIn,
  dateTimeOut,
  encodePassword,
  formatDateTime,
  parseDateTimeIn,
  pathId,
  phoneNumber,
} from '../src/index.js';

/** B.1 and A.2 rules written as literal examples. */

describe('phone numbers in (B.1): digits with an optional leading +, 3–16 digits', () => {
  it.each(['123', '+123', '0800555001', '+441234567890', '1234567890123456', '+1234567890123456'])(
    'accepts %s',
    (n) => {
      expect(phoneNumber.safeParse(n).success).toBe(true);
    },
  );

  it.each([
    '',
    '+',
    '12',
    '+12',
    '12345678901234567',
    '++123',
    '1+23',
    '0800 555 001',
    '0800-555-001',
    ' 123',
    '123\n',
    'abc',
    '١٢٣',
  ])('rejects %j with a message', (n) => {
    const result = phoneNumber.safeParse(n);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/3 to 16 digits/);
  });

  it('rejects a number sent as a JSON number', () => {
    expect(phoneNumber.safeParse(800555001).success).toBe(false);
  });
});

describe('the password (A.2): Base64 of its ASCII bytes', () => {
  it.each([
    ['password1', 'cGFzc3dvcmQx'],
    ['a', 'YQ=='],
    ['ab', 'YWI='],
    ['abc', 'YWJj'],
    ['P@ss w0rd!', 'UEBzcyB3MHJkIQ=='],
  ])('encodes %j as %s, which authorize accepts', (plain, encoded) => {
    expect(encodePassword(plain)).toBe(encoded);
    expect(base64Password.safeParse(encoded).success).toBe(true);
  });

  it.each(['', 'YQ', 'YQ=', 'YQ===', 'P@ss w0rd!', 'cGFz c3dv', 'YQ==YQ=='])('rejects %j', (value) => {
    const result = base64Password.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/Base64/);
  });

  it('encodes every ASCII character as its own byte', () => {
    const ascii = String.fromCharCode(...Array.from({ length: 128 }, (_, i) => i));
    expect(encodePassword(ascii)).toBe(Buffer.from(ascii, 'ascii').toString('base64'));
  });

  it.each([
    ['p€ss', 2],
    ['p¬ss', 2],
    ['pässword1', 2],
    ['pass🙂', 5],
  ])(
    'refuses the non-ASCII %j, naming the position and not the character (it was cut to another password)',
    (plain, at) => {
      expect(() => encodePassword(plain)).toThrow(TypeError);
      expect(() => encodePassword(plain)).toThrow(
        `the password must be ASCII: Omni takes the Base64 of its ASCII bytes (A.2), and character ${at} is not ASCII`,
      );
    },
  );

  it.each([undefined, null, 123456])('refuses %j, which is no password, with a TypeError that says so', (value) => {
    expect(() => encodePassword(value as unknown as string)).toThrow(/^the password must be a string; got /);
  });
});

describe('date-times out (B.1): ISO-8601 UTC with milliseconds and Z', () => {
  it('formats epoch milliseconds that way', () => {
    expect(formatDateTime(Date.UTC(2024, 4, 6, 7, 8, 9, 123))).toBe('2024-05-06T07:08:09.123Z');
    expect(formatDateTime(Date.UTC(2024, 0, 1))).toBe('2024-01-01T00:00:00.000Z');
  });

  it('formats each instant as Date does, asked once or again, past what it keeps formatted', () => {
    const start = Date.UTC(2024, 4, 6);
    for (let round = 0; round < 2; round++)
      for (let i = 0; i < 20_000; i += 7) {
        const at = start + i * 1_001;
        expect(formatDateTime(at)).toBe(new Date(at).toISOString());
      }
  });

  it('accepts exactly that form', () => {
    expect(dateTimeOut.safeParse('2024-05-06T07:08:09.123Z').success).toBe(true);
  });

  it.each([
    '2024-05-06T07:08:09Z',
    '2024-05-06T07:08:09.1Z',
    '2024-05-06T07:08:09.1234Z',
    '2024-05-06T07:08:09.123+00:00',
    '2024-05-06T09:08:09.123+02:00',
    '2024-05-06 07:08:09',
    '2024-05-06',
  ])('rejects %s', (value) => {
    expect(dateTimeOut.safeParse(value).success).toBe(false);
  });
});

describe('date-times in (B.1): ISO-8601 with Z or an offset, or YYYY-MM-DD HH:MM:SS', () => {
  it.each([
    '2024-05-06T07:08:09Z',
    '2024-05-06T07:08:09.123Z',
    '2024-05-06T09:08:09+02:00',
    '2024-05-06T01:38:09-05:30',
    '2024-05-06 07:08:09',
    '2024-02-29 23:59:59',
  ])('accepts %s', (value) => {
    expect(dateTimeIn.safeParse(value).success).toBe(true);
  });

  it.each([
    ['a date alone', '2024-05-06'],
    ['ISO without Z or offset', '2024-05-06T07:08:09'],
    ['minutes only', '2024-05-06 07:08'],
    ['another order', '06/05/2024 07:08:09'],
    ['month 13', '2024-13-06 07:08:09'],
    ['30 February', '2024-02-30 07:08:09'],
    ['29 February of a common year', '2023-02-29 07:08:09'],
    ['hour 24', '2024-05-06 24:00:00'],
    ['minute 60', '2024-05-06 07:60:09'],
    ['second 60', '2024-05-06 07:08:60'],
    ['day 0', '2024-05-00 07:08:09'],
    ['words', 'tomorrow'],
    ['nothing', ''],
  ])('rejects %s (%s)', (_, value) => {
    expect(dateTimeIn.safeParse(value).success).toBe(false);
  });

  it('reads the ISO forms as the instant they name', () => {
    const t = Date.UTC(2024, 4, 6, 7, 8, 9);
    expect(parseDateTimeIn('2024-05-06T07:08:09Z')).toBe(t);
    expect(parseDateTimeIn('2024-05-06T09:08:09+02:00')).toBe(t);
    expect(parseDateTimeIn('2024-05-06T01:38:09-05:30')).toBe(t);
  });

  it('reads the local form in the system time zone, UTC by default', () => {
    expect(parseDateTimeIn('2024-05-06 07:08:09')).toBe(Date.UTC(2024, 4, 6, 7, 8, 9));
    // A system two hours east of UTC: 07:08:09 there is 05:08:09 UTC.
    expect(parseDateTimeIn('2024-05-06 07:08:09', 120)).toBe(Date.UTC(2024, 4, 6, 5, 8, 9));
    expect(parseDateTimeIn('2024-05-06 07:08:09', -300)).toBe(Date.UTC(2024, 4, 6, 12, 8, 9));
  });

  it('reads a local form of a year below 100 as that year, as the ISO form is (not 1900 + the year)', () => {
    expect(dateTimeIn.safeParse('0050-06-01 00:00:00').success).toBe(true);
    expect(dateTimeIn.safeParse('0004-02-29 12:00:00').success).toBe(true);
    expect(dateTimeIn.safeParse('0001-02-29 12:00:00').success).toBe(false);
    expect(parseDateTimeIn('0050-06-01 00:00:00')).toBe(Date.parse('0050-06-01T00:00:00Z'));
    expect(new Date(parseDateTimeIn('0000-01-01 00:00:00', 60)).toISOString()).toBe('-000001-12-31T23:00:00.000Z');
  });
});

describe('integer ids in the path', () => {
  it.each([
    ['1', 1],
    ['42', 42],
    ['123456789012345', 123456789012345],
    // A body id's range: up to 2^53 − 1, the largest integer a JSON number holds exactly.
    ['1234567890123456', 1234567890123456],
    ['9007199254740991', 9007199254740991],
  ])('reads %s as %d', (text, n) => {
    expect(pathId.parse(text)).toBe(n);
  });

  it.each(['9007199254740992', '12345678901234567', '9'.repeat(400)])('rejects %j, past 2^53 − 1', (text) => {
    const result = pathId.safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual(['must be at most 9007199254740991']);
  });

  it.each(['0', '-1', '1.5', 'abc', '', '1e3', ' 1'])('rejects %j', (text) => {
    const result = pathId.safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/positive integer/);
  });
});
