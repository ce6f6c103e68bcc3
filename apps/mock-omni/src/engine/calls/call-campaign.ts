import { CAMPAIGN_DEFAULTS, SYSTEM_DISPOSITIONS } from '@omnikit/contracts';
import type { CampaignRecord } from '../ports.js';

/**
 * The campaign settings calls and agents depend on (A.5, B.8), read from a stored campaign whose
 * settings hold every field (defaults filled in at creation).
 */
export interface CallCampaign {
  campaignId: number;
  name: string;
  /** `no_answer_seconds` in ms: a dial still unanswered then ends with SIP 480. */
  noAnswerMs: number;
  /** `wrapup_seconds` in ms; 0: no timeout, the agent stays in wrap-up until dispose. */
  wrapUpMs: number;
  autoRecord: boolean;
  /** `caller_id`: shown to the callee when the call gives no `outbound_cli`. */
  callerId: string;
  pauseCodes: readonly string[];
  /** Codes an agent may dispose with: the campaign's `dispositions` and the system codes of B.9. */
  dispositions: readonly string[];
  messageOfTheDay: string;
}

function setting<K extends keyof typeof CAMPAIGN_DEFAULTS>(
  c: CampaignRecord,
  key: K,
  check: (v: unknown) => boolean,
): (typeof CAMPAIGN_DEFAULTS)[K] {
  const v = c.settings[key];
  return (check(v) ? v : CAMPAIGN_DEFAULTS[key]) as (typeof CAMPAIGN_DEFAULTS)[K];
}

const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const isString = (v: unknown) => typeof v === 'string';
const isStrings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');

export function callCampaign(c: CampaignRecord): CallCampaign {
  const own = setting(c, 'dispositions', isStrings) as readonly string[];
  return {
    campaignId: c.campaignId,
    name: c.campaignName,
    noAnswerMs: (setting(c, 'no_answer_seconds', isNumber) as number) * 1000,
    wrapUpMs: (setting(c, 'wrapup_seconds', isNumber) as number) * 1000,
    autoRecord: c.settings.auto_record === true,
    callerId: setting(c, 'caller_id', isString) as string,
    pauseCodes: setting(c, 'pause_codes', isStrings) as readonly string[],
    dispositions: [...new Set([...own, ...SYSTEM_DISPOSITIONS])],
    messageOfTheDay: setting(c, 'message_of_the_day', isString) as string,
  };
}
