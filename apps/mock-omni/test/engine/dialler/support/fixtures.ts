/**
 * The dialler tests' world: a Monday's start, a campaign, leads and numbers with defaults that any field can override,
 * and named seeds for the property tests.
 *
 * @module
 */

import { CAMPAIGN_TYPES } from '@omnikit/contracts';
import type { DiallerCampaign } from '../../../../src/engine/dialler/dialler-campaign.js';
import type { DiallerLead } from '../../../../src/engine/dialler/lead-source.js';
import type { LeadPhone } from '../../../../src/engine/ports.js';

/** Monday 7 January 2030, 08:00 UTC. */
export const DAY_START = Date.UTC(2030, 0, 7, 8, 0, 0);
export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export function campaign(over: Partial<DiallerCampaign> = {}): DiallerCampaign {
  return {
    campaignId: 1,
    campaignType: CAMPAIGN_TYPES.PROGRESSIVE,
    isBlended: false,
    maxLines: 1,
    targetDropPercentage: 3,
    degradeToProgressive: false,
    progressiveThreshold: 0,
    wrapupSeconds: 30,
    noAnswerSeconds: 25,
    amdEnabled: false,
    maxAttempts: 3,
    recycleDelayMinutes: 60,
    inboundDids: [],
    callerId: '0100000000',
    autoRecord: false,
    listIds: [1],
    ...over,
  };
}

export function phone(phone_number: string, over: Partial<LeadPhone> = {}): LeadPhone {
  return { phone_number, phone_type_id: 1, time_zone_id: 0, high_priority: false, schedule_call_at: null, ...over };
}

export function lead(leadId: number, phones: LeadPhone[], over: Partial<DiallerLead> = {}): DiallerLead {
  return {
    leadId,
    listId: 1,
    uniqueId: `crm-${leadId}`,
    status: 'NEW',
    attempts: 0,
    lastCallId: 0,
    lastCallAt: null,
    callbackAt: null,
    callbackNumber: null,
    phones,
    dueAt: DAY_START,
    ...over,
  };
}

/** Twenty named seeds for the property tests. */
export const NAMED_SEEDS = [
  'aardvark',
  'baobab',
  'caracal',
  'dassie',
  'eland',
  'fynbos',
  'gemsbok',
  'hadeda',
  'impala',
  'jacana',
  'kudu',
  'lourie',
  'meerkat',
  'nyala',
  'oribi',
  'pangolin',
  'quagga',
  'rooikat',
  'springbok',
  'tsessebe',
] as const;
