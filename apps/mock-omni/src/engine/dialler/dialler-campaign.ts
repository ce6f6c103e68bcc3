import { CAMPAIGN_DEFAULTS, CAMPAIGN_TYPES } from '@omnikit/contracts';
import type { CampaignRecord } from '../ports.js';

/**
 * The campaign settings the dialler runs on (A.5 and the inferred B.8 ones), read once per command
 * from the stored campaign. Field meanings:
 * - `maxLines` above 1 makes a Progressive campaign predictive (lines per ready agent, at most this);
 * - `targetDropPercentage`: the most answered calls dropped (no agent within 2 s), in percent;
 * - `degradeToProgressive` + `progressiveThreshold`: dial one line per agent under that many ready agents;
 * - `isBlended`: inbound (on `inboundDids`) and outbound on one pool of agents, inbound first.
 */
export interface DiallerCampaign {
  campaignId: number;
  campaignType: number;
  isBlended: boolean;
  maxLines: number;
  targetDropPercentage: number;
  degradeToProgressive: boolean;
  progressiveThreshold: number;
  wrapupSeconds: number;
  noAnswerSeconds: number;
  amdEnabled: boolean;
  maxAttempts: number;
  recycleDelayMinutes: number;
  inboundDids: readonly string[];
  callerId: string;
  autoRecord: boolean;
  /** The lead lists the campaign dials (lists whose `campaign_id` is this one, and its `default_list_id`). */
  listIds: readonly number[];
}

/** What the dialler asks about campaigns; the store answers from the campaign and list tables. */
export interface CampaignLookup {
  campaign(campaignId: number): DiallerCampaign | undefined;
  /**
   * The campaign an inbound call on `did` goes to: one of type Inbound (7) or blended listing the DID
   * in `inbound_dids` — the lowest campaign id when several do.
   */
  campaignForDid(did: string): number | undefined;
}

/** Whether the campaign places outbound calls by itself (Progressive, predictive, or a blended Inbound). */
export function dialsOutbound(c: DiallerCampaign): boolean {
  return c.campaignType === CAMPAIGN_TYPES.PROGRESSIVE || (c.campaignType === CAMPAIGN_TYPES.INBOUND && c.isBlended);
}

/** Whether calls on the campaign's DIDs reach it: Inbound (7), or any blended campaign. */
export function takesInbound(c: DiallerCampaign): boolean {
  return c.campaignType === CAMPAIGN_TYPES.INBOUND || c.isBlended;
}

/** Reads the dialler's settings from a stored campaign; a missing or mistyped setting takes B.8's default. */
export function diallerCampaignFrom(record: CampaignRecord, listIds: readonly number[]): DiallerCampaign {
  const s = record.settings;
  const num = (key: keyof typeof CAMPAIGN_DEFAULTS, fallback: number): number => {
    const v = s[key];
    return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
  };
  const bool = (key: keyof typeof CAMPAIGN_DEFAULTS, fallback: boolean): boolean => {
    const v = s[key];
    return typeof v === 'boolean' ? v : fallback;
  };
  const dids = Array.isArray(s.inbound_dids) ? s.inbound_dids.filter((d): d is string => typeof d === 'string') : [];
  const defaultList = num('default_list_id', CAMPAIGN_DEFAULTS.default_list_id);
  const lists = new Set(listIds);
  if (defaultList > 0) lists.add(defaultList);
  return {
    campaignId: record.campaignId,
    campaignType: record.campaignType,
    isBlended: bool('is_blended', CAMPAIGN_DEFAULTS.is_blended),
    maxLines: num('max_lines', CAMPAIGN_DEFAULTS.max_lines),
    targetDropPercentage: num('target_drop_percentage', CAMPAIGN_DEFAULTS.target_drop_percentage),
    degradeToProgressive: bool('degrade_to_progressive', CAMPAIGN_DEFAULTS.degrade_to_progressive),
    progressiveThreshold: num('ProgressiveThreshold', CAMPAIGN_DEFAULTS.ProgressiveThreshold),
    wrapupSeconds: num('wrapup_seconds', CAMPAIGN_DEFAULTS.wrapup_seconds),
    noAnswerSeconds: num('no_answer_seconds', CAMPAIGN_DEFAULTS.no_answer_seconds),
    amdEnabled: bool('amd_enabled', CAMPAIGN_DEFAULTS.amd_enabled),
    maxAttempts: num('max_attempts', CAMPAIGN_DEFAULTS.max_attempts),
    recycleDelayMinutes: num('recycle_delay_minutes', CAMPAIGN_DEFAULTS.recycle_delay_minutes),
    inboundDids: dids,
    callerId: typeof s.caller_id === 'string' ? s.caller_id : CAMPAIGN_DEFAULTS.caller_id,
    autoRecord: bool('auto_record', CAMPAIGN_DEFAULTS.auto_record),
    listIds: [...lists].sort((a, b) => a - b),
  };
}
