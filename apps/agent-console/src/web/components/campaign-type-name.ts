import { CAMPAIGN_TYPES } from '@omnikit/contracts';

const NAMES: Record<number, string> = {
  [CAMPAIGN_TYPES.PROGRESSIVE]: 'Progressive',
  [CAMPAIGN_TYPES.PREVIEW]: 'Preview',
  [CAMPAIGN_TYPES.CLICK_2_DIAL]: 'Click-2-Dial',
  [CAMPAIGN_TYPES.IVR]: 'IVR',
  [CAMPAIGN_TYPES.BRIDGE]: 'Bridge',
  [CAMPAIGN_TYPES.PING]: 'Ping',
  [CAMPAIGN_TYPES.INBOUND]: 'Inbound',
  [CAMPAIGN_TYPES.COACH]: 'Coach',
  [CAMPAIGN_TYPES.INTERACTION]: 'Interaction',
};

/** `campaign_type` (A.5) in words. */
export function campaignTypeName(type: number): string {
  return NAMES[type] ?? `type ${type}`;
}
