import { z } from 'zod';

/** `campaign_type` (A.5): 1 Progressive, 2 Preview, 3 Click-2-Dial, 4 IVR, 5 Bridge, 6 Ping, 7 Inbound, 8 Coach, 9 Interaction. */
export const CAMPAIGN_TYPES = {
  PROGRESSIVE: 1,
  PREVIEW: 2,
  CLICK_2_DIAL: 3,
  IVR: 4,
  BRIDGE: 5,
  PING: 6,
  INBOUND: 7,
  COACH: 8,
  INTERACTION: 9,
} as const;
export const campaignType = z.number().int().min(1).max(9);

/** Agent states (B.4). */
export const AGENT_STATES = ['logged_out', 'paused', 'ready', 'on_call', 'wrap_up'] as const;
export const agentState = z.enum(AGENT_STATES);
export type AgentState = z.infer<typeof agentState>;

/** Customer-call states (B.5). */
export const CALL_STATES = ['initiated', 'ringing', 'answered', 'on_hold', 'ended'] as const;
export const callState = z.enum(CALL_STATES);
export type CallState = z.infer<typeof callState>;

/** The agent's part in a call (B.5: it ends separately from the customer call). */
export const AGENT_LEG_STATES = ['none', 'connected', 'on_hold', 'ended'] as const;
export const agentLegState = z.enum(AGENT_LEG_STATES);

/** `call_type` (B.5): 1 click-2-dial, 2 dialler outbound, 3 inbound, 4 shotgun leg, 5 conference leg. */
export const CALL_TYPES = {
  CLICK_2_DIAL: 1,
  DIALLER_OUTBOUND: 2,
  INBOUND: 3,
  SHOTGUN_LEG: 4,
  CONFERENCE_LEG: 5,
} as const;
export const callType = z.number().int().min(1).max(5);

export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export const callDirection = z.enum(CALL_DIRECTIONS);

/** Recording states (B.5) and the actions that move them. */
export const RECORDING_STATES = ['off', 'recording', 'paused', 'stopped'] as const;
export const recordingState = z.enum(RECORDING_STATES);
export const RECORDING_ACTIONS = ['start', 'stop', 'pause', 'resume'] as const;
export const recordingAction = z.enum(RECORDING_ACTIONS);

/** Shotgun race states and leg outcomes (B.6). */
export const SHOTGUN_STATES = ['racing', 'won', 'lost', 'cancelled'] as const;
export const shotgunState = z.enum(SHOTGUN_STATES);
export const SHOTGUN_LEG_OUTCOMES = [
  'pending',
  'won',
  'cancelled',
  'busy',
  'no_answer',
  'machine',
  'invalid',
  'failed',
  'declined',
] as const;
export const shotgunLegOutcome = z.enum(SHOTGUN_LEG_OUTCOMES);

/** System disposition codes (B.9, VICIdial style). */
export const SYSTEM_DISPOSITIONS = ['A', 'B', 'NA', 'N', 'DC', 'DROP', 'AFTHRS', 'ABAND'] as const;
/** Agent disposition codes (B.9); a campaign may add its own. */
export const AGENT_DISPOSITIONS = ['SALE', 'NI', 'CALLBK', 'DNC', 'XFER'] as const;
export const dispositionCode = z.string().regex(/^[A-Z0-9_]{1,12}$/, 'must be 1 to 12 capital letters, digits or _');

/** Lead status: `NEW`, then the last disposition code (B.8). */
export const leadStatus = z.string().regex(/^[A-Z0-9_]{1,12}$/);

/** `phone_type_id` (A.6): 1 Work, 2 Mobile. */
export const phoneTypeId = z.union([z.literal(1), z.literal(2)]);

/** Notification type strings (B.7, and messaging's of B.12.6). */
export const NOTIFICATION_TYPES = [
  'cdr',
  'inbound',
  'call_state',
  'agent_state',
  'recording',
  'shotgun_result',
  'message_received',
  'message_status',
  'conversation_assigned',
  'conversation_window',
  'conversation_end',
] as const;
export const notificationType = z.enum(NOTIFICATION_TYPES);
export type NotificationType = z.infer<typeof notificationType>;
