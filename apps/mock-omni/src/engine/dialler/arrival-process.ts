/**
 * The seeded arrival process of a campaign's inbound calls: a Poisson process whose rate is constant within each hour
 * of the day (local time in `timeZone`) and jumps on the hour. The next arrival is found by drawing one unit-rate
 * exponential and walking the hours until their integrated rate uses it up, so a rate change at 09:00 is honoured
 * exactly and hours at 0 are skipped. Draws come from `rng.fork('arrivals/<campaign>/<n>')`: the n-th arrival of a
 * campaign is the same in every run of the seed, whatever else happened.
 *
 * @module
 */

import type { InboundArrivalProcess } from '@omnikit/contracts/control';
import { DomainError } from '../domain-error.js';
import type { Rng } from '../rng.js';
import { type DiallerCampaign, takesInbound } from './dialler-campaign.js';

export interface ArrivalSettings {
  campaignId: number;
  /** 24 rates, calls per hour, index = local hour. */
  callsPerHour: number[];
  timeZone: string;
  dids: string[];
  patienceMedianMs: number;
  patienceSigma: number;
}

export interface ArrivalState {
  settings: ArrivalSettings;
  /** Arrivals drawn so far (the next one's number). */
  seq: number;
  /** Calls it made arrive. */
  arrived: number;
  /** The pending arrival's time, or null when every rate is 0. */
  nextAt: number | null;
}

const HOUR_MS = 3_600_000;
export const DEFAULT_PATIENCE_MEDIAN_SECONDS = 60;
export const DEFAULT_PATIENCE_SIGMA = 0.8;

/** Checks a process against its campaign and fills the defaults. */
export function arrivalSettings(input: InboundArrivalProcess, campaign: DiallerCampaign): ArrivalSettings {
  if (!takesInbound(campaign))
    throw DomainError.invalidState(
      `campaign ${campaign.campaignId} takes no inbound calls: it must be Inbound (type 7) or blended`,
    );
  const dids = input.dids ?? [...campaign.inboundDids];
  if (dids.length === 0)
    throw DomainError.validation('dids', `campaign ${campaign.campaignId} has no inbound_dids: give the DIDs to ring`);
  dids.forEach((did, i) => {
    if (!campaign.inboundDids.includes(did))
      throw DomainError.validation(`dids.${i}`, `${did} is not one of campaign ${campaign.campaignId}'s inbound_dids`);
  });
  return {
    campaignId: campaign.campaignId,
    callsPerHour: [...input.calls_per_hour],
    timeZone: input.time_zone ?? 'UTC',
    dids,
    patienceMedianMs: (input.patience_median_seconds ?? DEFAULT_PATIENCE_MEDIAN_SECONDS) * 1000,
    patienceSigma: input.patience_sigma ?? DEFAULT_PATIENCE_SIGMA,
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The local hour at `at` and the milliseconds left until the next local hour. */
export function localHour(timeZone: string, at: number): { hour: number; msToNextHour: number } {
  if (timeZone === 'UTC') {
    const intoDay = ((at % 86_400_000) + 86_400_000) % 86_400_000;
    return { hour: Math.floor(intoDay / HOUR_MS), msToNextHour: HOUR_MS - (intoDay % HOUR_MS) };
  }
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of f.formatToParts(at)) {
    if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
    else if (part.type === 'second') second = Number(part.value);
  }
  const ms = ((at % 1000) + 1000) % 1000;
  return { hour, msToNextHour: HOUR_MS - (minute * 60_000 + second * 1000 + ms) };
}

/** The arrival rate now, in calls per millisecond. */
export function arrivalRatePerMs(settings: ArrivalSettings, at: number): number {
  return (settings.callsPerHour[localHour(settings.timeZone, at).hour] ?? 0) / HOUR_MS;
}

/** The next arrival after `from`, or null when every hour's rate is 0. */
export function nextArrivalAt(settings: ArrivalSettings, from: number, rng: Rng): number | null {
  if (!settings.callsPerHour.some((r) => r > 0)) return null;
  let need = rng.exponential(1);
  let t = from;
  // Every rate is positive somewhere in a day, so a week of hours always ends the walk.
  for (let i = 0; i < 24 * 8; i++) {
    const { hour, msToNextHour } = localHour(settings.timeZone, t);
    const rate = (settings.callsPerHour[hour] ?? 0) / HOUR_MS;
    if (rate > 0 && need <= rate * msToNextHour) return Math.max(from, Math.round(t + need / rate));
    need -= rate * msToNextHour;
    t += msToNextHour;
  }
  return null;
}

/** A caller's number: a plausible 10-digit mobile number. */
export function drawCallerNumber(rng: Rng): string {
  return `0${rng.int(6, 8)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
}

/** How long a caller waits in the queue before leaving (log-normal around the median). */
export function drawPatienceMs(
  settings: Pick<ArrivalSettings, 'patienceMedianMs' | 'patienceSigma'>,
  rng: Rng,
): number {
  return Math.max(1_000, Math.round(rng.logNormal(settings.patienceMedianMs, settings.patienceSigma)));
}
