/**
 * The dialler's control-API shapes (packages/contracts/src/control/dialler.ts): what they accept and refuse.
 *
 * @module
 */

import { campaignStatsView, inboundArrivalProcess, inboundCallBody } from '@omnikit/contracts/control';
import { describe, expect, it } from 'vitest';

const hours = (rate: number) => Array.from({ length: 24 }, () => rate);

function fieldsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return result.success ? [] : (result.error?.issues ?? []).map((i) => i.path.join('.'));
}

describe('inboundArrivalProcess', () => {
  it('accepts 24 hourly rates with optional zone, DIDs and patience', () => {
    const ok = inboundArrivalProcess.parse({
      campaign_id: 3,
      calls_per_hour: hours(120),
      time_zone: 'Africa/Johannesburg',
      dids: ['0800100100'],
      patience_median_seconds: 45,
      patience_sigma: 0.5,
    });
    expect(ok.calls_per_hour).toHaveLength(24);
    expect(inboundArrivalProcess.parse({ campaign_id: 1, calls_per_hour: hours(0) }).time_zone).toBeUndefined();
  });

  it.each([
    [{ campaign_id: 1, calls_per_hour: hours(10).slice(1) }, 'calls_per_hour'],
    [{ campaign_id: 1, calls_per_hour: [...hours(10).slice(1), -1] }, 'calls_per_hour.23'],
    [{ campaign_id: 0, calls_per_hour: hours(10) }, 'campaign_id'],
    [{ campaign_id: 1, calls_per_hour: hours(10), time_zone: 'Mars/Olympus' }, 'time_zone'],
    [{ campaign_id: 1, calls_per_hour: hours(10), dids: ['12'] }, 'dids.0'],
    [{ campaign_id: 1, calls_per_hour: hours(10), dids: [] }, 'dids'],
    [{ campaign_id: 1, calls_per_hour: hours(10), patience_median_seconds: 0 }, 'patience_median_seconds'],
    [{ campaign_id: 1, calls_per_hour: hours(10), patience_sigma: 4 }, 'patience_sigma'],
    [{ campaign_id: 1, calls_per_hour: hours(10), rate: 5 }, ''],
  ])('refuses %j, naming %s', (body, field) => {
    expect(fieldsOf(inboundArrivalProcess.safeParse(body))).toContain(field);
  });
});

describe('inboundCallBody', () => {
  it('takes a DID and a caller', () => {
    expect(inboundCallBody.parse({ did: '0800100100', phone_number: '+27821234567' }).did).toBe('0800100100');
  });
  it.each([
    [{ did: 'x', phone_number: '0821234567' }, 'did'],
    [{ did: '0800100100' }, 'phone_number'],
    [{ did: '0800100100', phone_number: '0821234567', extra: 1 }, ''],
  ])('refuses %j, naming %s', (body, field) => {
    expect(fieldsOf(inboundCallBody.safeParse(body))).toContain(field);
  });
});

describe('campaignStatsView', () => {
  it('refuses a rate above 100% and a negative count', () => {
    const base = {
      campaign_id: 1,
      at: '2030-01-07T16:00:00.000Z',
      dials: 1,
      connects: 1,
      answering_machines: 0,
      drops: 0,
      drop_rate: 0,
      inbound_offered: 0,
      inbound_answered: 0,
      abandoned: 0,
      abandon_rate: 0,
      queue_length: 0,
      average_speed_of_answer_ms: 0,
      average_handle_time_ms: 0,
      handled: 0,
      agent_occupancy: 0,
      agents: { ready: 0, on_call: 0, wrap_up: 0, paused: 0 },
      lines_per_agent: 0,
      leads_remaining: 0,
      dispositions: {},
    };
    expect(campaignStatsView.parse(base)).toEqual(base);
    expect(fieldsOf(campaignStatsView.safeParse({ ...base, drop_rate: 101 }))).toEqual(['drop_rate']);
    expect(fieldsOf(campaignStatsView.safeParse({ ...base, dials: -1 }))).toEqual(['dials']);
  });
});
