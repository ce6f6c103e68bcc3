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

/** A campaign as the agent chooses it: its name, and its kind where the name does not say it already. */
export function campaignLabel(c: { campaign_name: string; campaign_type: number; is_blended?: boolean }): string {
  const name = c.campaign_name.toLowerCase();
  const type = campaignTypeName(c.campaign_type);
  const parts = [
    ...(name.includes(type.toLowerCase()) ? [] : [type]),
    ...(c.is_blended && !name.includes('blended') ? ['blended'] : []),
  ];
  return parts.length === 0 ? c.campaign_name : `${c.campaign_name} — ${parts.join(', ')}`;
}
