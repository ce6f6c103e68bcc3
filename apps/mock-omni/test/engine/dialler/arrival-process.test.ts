import { CAMPAIGN_TYPES } from '@omnikit/contracts';
import { describe, expect, it } from 'vitest';
import {
  type ArrivalSettings,
  arrivalRatePerMs,
  arrivalSettings,
  drawCallerNumber,
  drawPatienceMs,
  localHour,
  nextArrivalAt,
} from '../../../src/engine/dialler/arrival-process.js';
import { DomainError } from '../../../src/engine/domain-error.js';
import { Rng } from '../../../src/engine/rng.js';
import { campaign, HOUR } from './support/fixtures.js';

const MIDNIGHT = Date.UTC(2030, 0, 7, 0, 0, 0);
const rates = (byHour: Record<number, number>) => Array.from({ length: 24 }, (_, h) => byHour[h] ?? 0);
const settings = (callsPerHour: number[], timeZone = 'UTC'): ArrivalSettings => ({
  campaignId: 1,
  callsPerHour,
  timeZone,
  dids: ['0800100100'],
  patienceMedianMs: 60_000,
  patienceSigma: 0.8,
});

/** Every arrival of one day from midnight, with the engine's per-arrival forks. */
function day(s: ArrivalSettings, seed: string): number[] {
  const rng = Rng.fromSeed(seed);
  const out: number[] = [];
  let t = MIDNIGHT;
  for (let n = 0; ; n++) {
    const next = nextArrivalAt(s, t, rng.fork(`arrivals/1/${n}/gap`));
    if (next === null || next >= MIDNIGHT + 24 * HOUR) return out;
    out.push(next);
    t = next;
  }
}

describe('localHour', () => {
  it.each([
    ['UTC', Date.UTC(2030, 0, 7, 9, 15, 0), 9, 45 * 60_000],
    ['Africa/Johannesburg', Date.UTC(2030, 0, 7, 7, 0, 0), 9, HOUR],
    ['Asia/Kolkata', Date.UTC(2030, 0, 7, 3, 0, 0), 8, 30 * 60_000],
    ['America/New_York', Date.UTC(2030, 6, 1, 13, 59, 59, 500), 9, 500],
  ])('%s at %i → hour %i, %i ms to the next', (zone, at, hour, left) => {
    expect(localHour(zone, at)).toEqual({ hour, msToNextHour: left });
  });
});

describe('nextArrivalAt', () => {
  it('never comes when every hour is 0', () => {
    expect(nextArrivalAt(settings(rates({})), MIDNIGHT, Rng.fromSeed(1))).toBe(null);
  });

  it('arrives only within hours that have a rate, about as often as the rates say', () => {
    const s = settings(rates({ 9: 300, 10: 300 }));
    let total = 0;
    for (let i = 0; i < 20; i++) {
      const arrivals = day(s, `arrivals-${i}`);
      for (const at of arrivals) {
        expect(at).toBeGreaterThanOrEqual(MIDNIGHT + 9 * HOUR);
        expect(at).toBeLessThan(MIDNIGHT + 11 * HOUR);
      }
      total += arrivals.length;
    }
    // 20 days × 600 expected: Poisson, sd ≈ 110; four sd either side.
    expect(Math.abs(total - 12_000)).toBeLessThan(440);
  });

  it('honours the time zone: local 09:00 in Johannesburg is 07:00 UTC', () => {
    const arrivals = day(settings(rates({ 9: 500 }), 'Africa/Johannesburg'), 'zone');
    expect(arrivals.length).toBeGreaterThan(400);
    expect(Math.min(...arrivals)).toBeGreaterThanOrEqual(MIDNIGHT + 7 * HOUR);
    expect(Math.max(...arrivals)).toBeLessThan(MIDNIGHT + 8 * HOUR);
  });

  it('is the same for the same seed and arrival number', () => {
    const s = settings(rates({ 9: 60 }));
    expect(day(s, 'same')).toEqual(day(s, 'same'));
    expect(day(s, 'same')).not.toEqual(day(s, 'other'));
  });

  it('gives the current rate per millisecond', () => {
    expect(arrivalRatePerMs(settings(rates({ 9: 3600 })), MIDNIGHT + 9.5 * HOUR)).toBe(0.001);
    expect(arrivalRatePerMs(settings(rates({ 9: 3600 })), MIDNIGHT + 10 * HOUR)).toBe(0);
  });
});

describe('arrivalSettings', () => {
  const inbound = campaign({ campaignType: CAMPAIGN_TYPES.INBOUND, inboundDids: ['0800100100', '0800100200'] });
  const process = { campaign_id: 1, calls_per_hour: rates({ 9: 10 }) };

  it('fills the defaults: UTC, every DID of the campaign, 60 s median patience, sigma 0.8', () => {
    expect(arrivalSettings(process, inbound)).toEqual({
      campaignId: 1,
      callsPerHour: rates({ 9: 10 }),
      timeZone: 'UTC',
      dids: ['0800100100', '0800100200'],
      patienceMedianMs: 60_000,
      patienceSigma: 0.8,
    });
  });

  it.each([
    [campaign(), {}, 'INVALID_STATE', undefined],
    [campaign({ isBlended: true }), {}, 'VALIDATION_FAILED', 'dids'],
    [inbound, { dids: ['0800100100', '0800999999'] }, 'VALIDATION_FAILED', 'dids.1'],
  ])('refuses a campaign or DIDs that cannot take the calls (%#)', (c, extra, code, field) => {
    try {
      arrivalSettings({ ...process, ...extra }, c);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe(code);
      expect((error as DomainError).errors?.[0]?.field).toBe(field);
    }
  });
});

describe('callers', () => {
  it('draws plausible numbers and patience around the median, never under a second', () => {
    const rng = Rng.fromSeed('callers');
    for (let i = 0; i < 50; i++) expect(drawCallerNumber(rng)).toMatch(/^0[678][0-9]{8}$/);
    const waits = Array.from({ length: 2_001 }, () =>
      drawPatienceMs({ patienceMedianMs: 60_000, patienceSigma: 0.8 }, rng),
    );
    waits.sort((a, b) => a - b);
    expect(waits[1_000]).toBeGreaterThan(54_000);
    expect(waits[1_000]).toBeLessThan(66_000);
    expect(drawPatienceMs({ patienceMedianMs: 10, patienceSigma: 0 }, rng)).toBe(1_000);
  });
});
