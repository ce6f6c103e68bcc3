/**
 * The worlds the dialler's property tests run in, shared by the in-memory runs and the runs on the SQLite ports: the
 * predictive outbound day (outbound-properties.test.ts) and the inbound day (inbound-properties.test.ts).
 *
 * @module
 */

import { CAMPAIGN_TYPES } from '@omnikit/contracts';
import type { DiallerCampaign } from '../../../../src/engine/dialler/dialler-campaign.js';
import type { DiallerLead } from '../../../../src/engine/dialler/lead-source.js';
import { Rng } from '../../../../src/engine/rng.js';
import { campaign, DAY_START, lead, MINUTE, phone } from './fixtures.js';

export const OUTBOUND_DAY = { target: 3, maxAttempts: 3, recycleMs: 20 * MINUTE, agents: 12 } as const;

export interface OutboundWorld {
  leads: DiallerLead[];
  systemDnc: Set<string>;
}

/**
 * 1,400 leads of 1–3 numbers: 5% `DNC`, 3% of numbers on the system's DNC list, 2% sharing a
 * number with an earlier lead, 5% scheduled later in the day, 5% high priority.
 */
export function outboundWorld(seed: string): OutboundWorld {
  const rng = Rng.fromSeed(`${seed}/world`);
  const systemDnc = new Set<string>();
  const leads: DiallerLead[] = [];
  const numberOf = (i: number, k: number) => `27${k + 6}${String(i).padStart(8, '0')}`;
  for (let i = 1; i <= 1_400; i++) {
    const n = rng.int(1, 3);
    const scheduled = rng.chance(0.05) ? DAY_START + rng.int(30, 420) * MINUTE : null;
    const phones = Array.from({ length: n }, (_, k) => {
      // 2%: the number of an earlier lead (two leads of one household).
      const shared = i > 10 && k === n - 1 && rng.chance(0.02);
      return phone(shared ? numberOf(rng.int(1, i - 1), 0) : numberOf(i, k), {
        schedule_call_at: k === 0 ? scheduled : null,
        high_priority: k === 0 && scheduled === null && rng.chance(0.05),
      });
    });
    for (const p of phones) if (rng.chance(0.03)) systemDnc.add(p.phone_number);
    const dnc = rng.chance(0.05);
    leads.push(lead(i, phones, { status: dnc ? 'DNC' : 'NEW', dueAt: dnc ? null : (scheduled ?? DAY_START) }));
  }
  return { leads, systemDnc };
}

/** The outbound day's campaign: predictive (`max_lines` 3), AMD on for every other seed. */
export function outboundCampaign(index: number): DiallerCampaign {
  return campaign({
    maxLines: 3,
    targetDropPercentage: OUTBOUND_DAY.target,
    maxAttempts: OUTBOUND_DAY.maxAttempts,
    recycleDelayMinutes: OUTBOUND_DAY.recycleMs / MINUTE,
    amdEnabled: index % 2 === 0,
  });
}

export const INBOUND_DIDS = ['0800100100', '0800100200'];

/**
 * The inbound day: even seeds a blended campaign (140 calls an hour on 10 agents, predictive
 * outbound on 600 leads), odd seeds an Inbound campaign with too few agents (100 an hour on 6).
 * Four hours of arrivals from 08:00.
 */
export function inboundDay(index: number) {
  const blended = index % 2 === 0;
  const c = blended
    ? campaign({ isBlended: true, maxLines: 3, inboundDids: INBOUND_DIDS })
    : campaign({ campaignType: CAMPAIGN_TYPES.INBOUND, inboundDids: INBOUND_DIDS, listIds: [] });
  const rates = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 12 ? (blended ? 140 : 100) : 0));
  const leads = blended
    ? Array.from({ length: 600 }, (_, i) => lead(i + 1, [phone(`2783${String(i).padStart(7, '0')}`)]))
    : [];
  return {
    blended,
    campaign: c,
    agents: blended ? 10 : 6,
    leads,
    arrivals: { campaign_id: 1, calls_per_hour: rates, patience_median_seconds: 45, patience_sigma: 0.7 },
  };
}
