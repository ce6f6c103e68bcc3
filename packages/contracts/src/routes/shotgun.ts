import { z } from 'zod';
import { flagDuplicates, id, idOrZero, pathId, phoneNumber } from '../common.js';
import { callState, shotgunLegOutcome, shotgunState } from '../enums.js';
import { defineRoute } from '../route.js';

/** B.6: one to five distinct numbers, dialled at once; the first to answer wins. */
export const shotgunBody = z
  .object({
    phone_numbers: z.array(phoneNumber).min(1).max(5),
    lead_id: id.optional(),
    outbound_cli: phoneNumber.optional(),
    outboud_cli: phoneNumber.optional().meta({ deprecated: true }),
    unique_id: z.string().max(100).optional(),
  })
  .superRefine((v, ctx) => flagDuplicates(v.phone_numbers, ctx, ['phone_numbers']))
  .transform(({ outboud_cli, ...rest }) => ({ ...rest, outbound_cli: rest.outbound_cli ?? outboud_cli }));
export type ShotgunBody = z.input<typeof shotgunBody>;

export const shotgunStarted = z
  .object({
    shotgun_id: id,
    calls: z.array(z.object({ call_id: id, phone_number: z.string() })),
  })
  .meta({ id: 'ShotgunStarted' });

export const shotgunLeg = z.object({
  call_id: id,
  phone_number: z.string(),
  call_state: callState,
  outcome: shotgunLegOutcome,
  sip_code: z.number().int().meta({ description: '0 while the leg is still ringing.' }),
});

export const shotgunView = z
  .object({
    shotgun_id: id,
    state: shotgunState,
    winner_call_id: idOrZero,
    legs: z.array(shotgunLeg),
  })
  .meta({ id: 'Shotgun' });
export type ShotgunView = z.infer<typeof shotgunView>;

const shotgunParams = z.object({ user_id: pathId, shotgun_id: pathId });

export const startShotgun = defineRoute({
  id: 'startShotgun',
  method: 'POST',
  path: '/omni/voice/{user_id}/shotgun',
  group: 'shotgun',
  auth: 'user',
  summary: 'Shotgun dial: up to five numbers at once, the first to answer wins',
  source: 'inferred',
  idempotent: false,
  params: z.object({ user_id: pathId }),
  body: shotgunBody,
  responses: { 200: shotgunStarted },
  errors: ['INVALID_STATE', 'AGENT_NOT_LOGGED_IN'],
});

export const getShotgun = defineRoute({
  id: 'getShotgun',
  method: 'GET',
  path: '/omni/voice/{user_id}/shotgun/{shotgun_id}',
  group: 'shotgun',
  auth: 'user',
  summary: 'A shotgun race, leg by leg',
  source: 'inferred',
  idempotent: true,
  params: shotgunParams,
  responses: { 200: shotgunView },
});

export const cancelShotgun = defineRoute({
  id: 'cancelShotgun',
  method: 'POST',
  path: '/omni/voice/{user_id}/shotgun/{shotgun_id}/cancel',
  group: 'shotgun',
  auth: 'user',
  summary: 'Cancel a shotgun race',
  source: 'inferred',
  idempotent: false,
  params: shotgunParams,
  responses: { 200: z.object({ success: z.boolean(), detail: z.string() }) },
  errors: ['INVALID_STATE'],
});
