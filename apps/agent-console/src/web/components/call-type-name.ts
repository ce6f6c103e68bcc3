import { CALL_TYPES } from '@omnikit/contracts';

const NAMES: Record<number, string> = {
  [CALL_TYPES.CLICK_2_DIAL]: 'Click-2-Dial',
  [CALL_TYPES.DIALLER_OUTBOUND]: 'dialler call',
  [CALL_TYPES.INBOUND]: 'inbound call',
  [CALL_TYPES.SHOTGUN_LEG]: 'shotgun call',
  [CALL_TYPES.CONFERENCE_LEG]: '3rd-party leg',
};

/** `call_type` (B.5) in words. */
export function callTypeName(type: number): string {
  return NAMES[type] ?? `type ${type}`;
}
