import { z } from 'zod';
import { commandResult, id, idOrZero, pathId, phoneNumber } from '../common.js';
import { campaignType, dispositionCode } from '../enums.js';
import { defineRoute } from '../route.js';
import { documented, documentedFields, inferred, inferredFields } from '../source.js';

const CAMPAIGN_PAGE = '2174910465';

/**
 * Campaign fields. The first block is documented (A.5, page 2174910465), names kept exactly,
 * PascalCase ones included; the second is what the dialler needs and the wiki does not list
 * (B.8, inferred), with the defaults B.8 fixes.
 */
export const documentedCampaignFields = {
  campaign_name: z.string().min(1).max(100),
  campaign_type: campaignType.meta({
    description:
      '1 Progressive, 2 Preview, 3 Click-2-Dial, 4 IVR, 5 Bridge, 6 Ping, 7 Inbound, 8 Coach, 9 Interaction.',
  }),
  description: z.string().max(1000),
  teleparam_plan_id: z.number().int().nonnegative(),
  caller_id: z
    .union([z.string().max(32), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)], {
      error: 'must be text of at most 32 characters or a non-negative integer',
    })
    .transform(String)
    .meta({
      description:
        'The JSON on page 2174910465 shows a string, its table an integer: both are accepted, answered as a string.',
    }),
  target_drop_percentage: z.number().min(0).max(100),
  message_of_the_day: z.string().max(2000),
  default_list_id: z.number().int().nonnegative(),
  default_phone_type: z.number().int().nonnegative(),
  auto_record: z.boolean(),
  is_blended: z.boolean(),
  degrade_to_progressive: z.boolean(),
  not_ready_wait_time: z.number().int().nonnegative(),
  zip_tone: z.number().int().nonnegative(),
  zip_tone_beep: z.number().int().nonnegative(),
  zip_tone_wav: z.string().max(200),
  max_lines: z.number().int().min(1).max(100),
  schedule_plan_id: z.number().int().nonnegative(),
  HoursPerWorkingDay: z.number().int().min(0).max(24),
  ProgressiveThreshold: z.number().int().nonnegative(),
} as const;

export const inferredCampaignFields = {
  wrapup_seconds: z.number().int().min(0).max(86_400),
  no_answer_seconds: z.number().int().min(1).max(600),
  amd_enabled: z.boolean(),
  max_attempts: z.number().int().min(1).max(100),
  recycle_delay_minutes: z.number().int().min(0).max(100_000),
  pause_codes: z.array(z.string().regex(/^[A-Z0-9_]{1,32}$/)).max(50),
  dispositions: z.array(dispositionCode).max(100),
  inbound_dids: z.array(phoneNumber).max(50),
} as const;

/** The defaults a new campaign gets for every field not given (B.8 for the inferred ones). */
export const CAMPAIGN_DEFAULTS = {
  description: '',
  teleparam_plan_id: 0,
  caller_id: '',
  target_drop_percentage: 3,
  message_of_the_day: '',
  default_list_id: 0,
  default_phone_type: 1,
  auto_record: false,
  is_blended: false,
  degrade_to_progressive: false,
  not_ready_wait_time: 0,
  zip_tone: 0,
  zip_tone_beep: 0,
  zip_tone_wav: '',
  max_lines: 1,
  schedule_plan_id: 0,
  HoursPerWorkingDay: 8,
  ProgressiveThreshold: 0,
  wrapup_seconds: 30,
  no_answer_seconds: 25,
  amd_enabled: false,
  max_attempts: 3,
  recycle_delay_minutes: 60,
  pause_codes: ['BREAK', 'LUNCH', 'TRAIN'],
  dispositions: ['SALE', 'NI', 'CALLBK', 'DNC', 'XFER'],
  inbound_dids: [] as string[],
} as const;

/** Every campaign field, each tagged with its source (source.ts). */
const allFields = {
  ...documentedFields(documentedCampaignFields, CAMPAIGN_PAGE),
  ...inferredFields(inferredCampaignFields),
};

export const createCampaignBody = z
  .object(allFields)
  .partial()
  .required({ campaign_name: true, campaign_type: true })
  .meta({ id: 'CampaignCreate' });
export type CreateCampaignBody = z.infer<typeof createCampaignBody>;

export const updateCampaignBody = z
  .object(allFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one field to change' })
  .meta({ id: 'CampaignUpdate' });
export type UpdateCampaignBody = z.infer<typeof updateCampaignBody>;

export const campaignView = z
  .object({
    campaign_id: id,
    ...allFields,
    caller_id: documented(z.string().max(32), CAMPAIGN_PAGE),
    default_list_id: documented(idOrZero, CAMPAIGN_PAGE),
  })
  .meta({ id: 'Campaign' });
export type CampaignView = z.infer<typeof campaignView>;

export const campaignIdParams = z.object({ campaign_id: pathId });

export const createCampaign = defineRoute({
  id: 'createCampaign',
  method: 'POST',
  path: '/omni/campaign',
  group: 'campaigns',
  auth: 'user',
  summary: 'Create a campaign',
  source: 'inferred',
  idempotent: false,
  body: createCampaignBody,
  responses: { 200: commandResult.extend({ campaign_id: id }).meta({ id: 'CampaignCreated' }) },
  // B.2: an unknown id referenced in the body (`default_list_id`) is a 404.
  errors: ['NOT_FOUND'],
});

export const getCampaign = defineRoute({
  id: 'getCampaign',
  method: 'GET',
  path: '/omni/campaign/{campaign_id}',
  group: 'campaigns',
  auth: 'user',
  summary: 'A campaign with every setting',
  source: 'inferred',
  idempotent: true,
  params: campaignIdParams,
  responses: { 200: campaignView },
});

export const listCampaigns = defineRoute({
  id: 'listCampaigns',
  method: 'GET',
  path: '/omni/campaigns',
  group: 'campaigns',
  auth: 'user',
  summary: 'Every campaign of the system',
  source: 'inferred',
  idempotent: true,
  responses: { 200: z.object({ campaigns: z.array(campaignView) }).meta({ id: 'CampaignList' }) },
});

export const updateCampaign = defineRoute({
  id: 'updateCampaign',
  method: 'PUT',
  path: '/omni/campaign/{campaign_id}',
  group: 'campaigns',
  auth: 'user',
  summary: 'Change a campaign’s settings (only the fields given)',
  description:
    'Documented on page 2174910465 with the campaign fields; the response is not shown there (inferred `{ success, detail }`).',
  source: 'documented',
  page: CAMPAIGN_PAGE,
  idempotent: true,
  params: campaignIdParams,
  body: updateCampaignBody,
  responses: { 200: inferred(commandResult) },
});
