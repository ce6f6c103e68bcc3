import { DEFAULT_VARIATION, parseVary, randomVariation } from '@omnikit/contracts/variants';
import { describe, expect, it } from 'vitest';
import { startBanner } from '../../src/cli/banner.js';
import { parseCliArgs } from '../../src/cli/parse-cli-args.js';
import { createMockOmni } from '../../src/create-mock-omni.js';

describe('--vary', () => {
  it('defaults to the contracts’ own shapes', () => {
    expect(parseCliArgs([])).toMatchObject({ ok: true, options: { vary: DEFAULT_VARIATION } });
  });

  it('reads axis=value pairs, the other axes at their defaults', () => {
    expect(parseCliArgs(['--vary', 'errors=ok-false,dates=vicidial'])).toMatchObject({
      ok: true,
      options: { vary: { ...DEFAULT_VARIATION, errors: 'ok-false', dates: 'vicidial' } },
    });
  });

  it('draws random from --seed, the same draw for the same seed', () => {
    const a = parseCliArgs(['--vary', 'random', '--seed', '42']);
    expect(a).toMatchObject({ ok: true, options: { vary: randomVariation(42) } });
    expect(parseCliArgs(['--seed', '42', '--vary', 'random'])).toEqual(a);
  });

  it('combines with --strict', () => {
    expect(parseCliArgs(['--strict', '--vary', 'ids=strings'])).toMatchObject({
      ok: true,
      options: { strict: true, vary: { ids: 'strings' } },
    });
  });

  it.each([
    ['errors=teapot', '--vary: unknown value "teapot" for errors (values: coded, ok-false, status-only)'],
    ['speed=fast', '--vary: unknown axis "speed" (axes: errors, dates, ids, tokens, notifications, extras)'],
    ['dates', '--vary: "dates" is not axis=value'],
    [
      'errors=ok-false,',
      '--vary: "errors=ok-false," has an empty item (a trailing comma): separate axis=value pairs by single commas',
    ],
    ['ids=strings,,dates=vicidial', '--vary: "ids=strings,,dates=vicidial" has an empty item (a doubled comma)'],
    ['errors=', '--vary: no value given for errors (values: coded, ok-false, status-only)'],
    ['=x', `--vary: no axis named before '=' in "=x" (axes: errors, dates, ids, tokens, notifications, extras)`],
  ])('refuses %j saying what is allowed', (spec, message) => {
    const parsed = parseCliArgs(['--vary', spec]);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.error).toContain(message);
  });

  it('is printed at start when it is not the default, every axis named', () => {
    const info = { url: 'http://127.0.0.1:4010', db: ':memory:', clock: 'real', version: '0.1.0' };
    expect(startBanner(info)).not.toContain('variation');
    expect(startBanner({ ...info, variation: parseVary('ids=strings') })).toContain(
      'variation  : errors=coded,dates=iso-z,ids=strings,tokens=several,notifications=signed,extras=exact',
    );
  });

  it('a demo system with a variation of its own (kept in the database) says so at start, whatever --vary is', () => {
    const info = { url: 'http://127.0.0.1:4010', db: 'omni.db', clock: 'real', version: '0.1.0' };
    const own = 'demo system: plays its own variation errors=ok-false,dates=iso-z,ids=integers,tokens=several,';
    expect(startBanner({ ...info, demoVariation: parseVary('errors=ok-false') })).toContain(own);
    const both = startBanner({
      ...info,
      variation: parseVary('ids=strings'),
      varyGiven: true,
      demoVariation: parseVary('errors=ok-false'),
    });
    expect(both).toContain('variation  : errors=coded,dates=iso-z,ids=strings');
    expect(both).toContain(own);
    expect(both).toContain('kept in the database');
    // Its own may be the contracts' shapes while --vary is not: said too.
    expect(
      startBanner({ ...info, variation: parseVary('ids=strings'), varyGiven: true, demoVariation: DEFAULT_VARIATION }),
    ).toContain('demo system: plays its own variation errors=coded,dates=iso-z,ids=integers');
  });

  it('a random draw is printed at start even when it falls on the contracts’ own shapes (seed 88)', () => {
    const parsed = parseCliArgs(['--vary', 'random', '--seed', '88']);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.options).toMatchObject({ vary: DEFAULT_VARIATION, varyGiven: true });
    expect(parseCliArgs([])).toMatchObject({ ok: true, options: { varyGiven: false } });
    const info = { url: 'http://127.0.0.1:4010', db: ':memory:', clock: 'real', version: '0.1.0' };
    expect(startBanner({ ...info, variation: parsed.options.vary, varyGiven: true })).toContain(
      'variation  : errors=coded,dates=iso-z,ids=integers,tokens=several,notifications=signed,extras=exact',
    );
  });

  it('createMockOmni({ vary }) gives every system that variation', async () => {
    const mock = await createMockOmni({ vary: 'random', seed: 9 });
    try {
      expect(mock.services.registry.getDefault().variation).toEqual(randomVariation(9));
      expect(mock.services.registry.create({}).variation).toEqual(randomVariation(9));
    } finally {
      await mock.close();
    }
    await expect(createMockOmni({ vary: 'errors=nope' })).rejects.toThrow(/unknown value "nope"/);
  });
});

describe('--host', () => {
  it('takes ::1 bare or in brackets as loopback, and refuses brackets around anything else', () => {
    for (const text of ['[::1]', '::1'])
      expect(parseCliArgs(['--host', text])).toMatchObject({ ok: true, options: { host: '::1' } });
    // Bracketed, it was neither loopback (an admin key was asked for) nor an address listen() takes.
    expect(parseCliArgs(['--host', '[::]', '--admin-key', 'k'.repeat(8)])).toMatchObject({
      ok: true,
      options: { host: '::' },
    });
    expect(parseCliArgs(['--host', '[localhost]'])).toEqual({
      ok: false,
      error: '--host takes brackets around an IPv6 address only (--host [::1]), not "[localhost]"',
    });
    expect(parseCliArgs(['--host', 'http://x'])).toEqual({
      ok: false,
      error: '--host must be an address or host name (127.0.0.1, ::1, [::1], localhost), not "http://x"',
    });
  });
});

describe('--clock-start', () => {
  it('takes an ISO-8601 instant from 1970-01-01 to 9999-01-01, and says what is wrong otherwise', () => {
    expect(parseCliArgs(['--clock-start', '2030-01-01T00:00:00Z'])).toMatchObject({ ok: true });
    expect(parseCliArgs(['--clock-start', '9999-12-31T23:00:00Z'])).toEqual({
      ok: false,
      error:
        '--clock-start must be 9999-01-01T00:00:00.000Z or earlier (dates keep four-digit years), not "9999-12-31T23:00:00Z"',
    });
    // Date.parse alone reads "1" as 2001 and a bare date as its midnight: neither is an instant.
    for (const text of ['1', '2026-01-05', 'next monday', '2026-01-05T08:00:00', '2026-02-30T08:00:00Z'])
      expect(parseCliArgs(['--clock-start', text])).toEqual({
        ok: false,
        error: `--clock-start must be an ISO-8601 instant with Z or an offset (2026-01-05T08:00:00Z), not "${text}"`,
      });
    expect(parseCliArgs(['--clock-start', '2026-01-05T08:00:00+02:00'])).toMatchObject({ ok: true });
    expect(parseCliArgs(['--clock-start', '1960-01-01T00:00:00Z'])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^--clock-start must be 1970-01-01T00:00:00.000Z or later/),
    });
  });
});
