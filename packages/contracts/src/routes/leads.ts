import { z } from 'zod';
import { commandResult, dateTimeIn, dateTimeOut, id, idOrZero, pathId, phoneNumber } from '../common.js';
import { documentAs } from '../document-as.js';
import { leadStatus, phoneTypeId } from '../enums.js';
import { defineRoute } from '../route.js';
import { inferredFields, source } from '../source.js';

/** The add-lead page's default of `schedule_call_date_time` (A.6, page 2175107084): due now. */
export const SCHEDULE_NOW = 'Now()';

/**
 * When to call a lead's number: a date-time (B.1), or the literal `"Now()"` the add-lead page names
 * as the default (the lead is due at once; the server reads it as its clock's current instant).
 * Inferred (A.6 is silent), as for a `CALLBK`'s `callback_date_time`: the server takes a time from
 * 1970-01-01T00:00:00Z to a year (366 days) after its clock's now; a time already past is due at once
 * and kept as given. Outside that range it is refused (a 400 naming the field; a rejected row in a
 * bulk upload) — the range needs the server's clock, so this schema checks only the form.
 */
export const scheduleCallDateTimeIn = z
  .union([z.literal(SCHEDULE_NOW), dateTimeIn], {
    error: 'must be "Now()" or a real date-time, ISO-8601 with Z or an offset, or YYYY-MM-DD HH:MM:SS',
  })
  .meta({
    description:
      '`"Now()"` (the default: due at once) or a date-time from 1970-01-01T00:00:00Z to a year (366 days) after ' +
      'the system clock’s now; a time already past is due at once (inferred: the range).',
  });

/** One of a lead's numbers (A.6). */
export const leadPhoneInput = z.object({
  phone_number: phoneNumber,
  phone_type_id: phoneTypeId.optional().meta({ description: '1 Work, 2 Mobile.' }),
  time_zone_id: z.number().int().min(0).max(1000).optional().meta({ description: '0 unless specified.' }),
  high_priority: z.boolean().optional().meta({ description: 'Dial at once.' }),
  schedule_call_date_time: scheduleCallDateTimeIn.optional(),
});

/**
 * Contact fields a lead can carry besides A.6's add-lead set: the bulk upload's (A.6). Add lead
 * taking them too is this project's choice, so they are inferred wherever they appear.
 */
const contactFields = inferredFields({
  title: z.string().max(20),
  email_1: z.string().max(200),
  email_2: z.string().max(200),
  messenger: z.string().max(200),
  address_line_1: z.string().max(200),
  address_line_2: z.string().max(200),
  city: z.string().max(100),
  province: z.string().max(100),
  postal_code: z.string().max(20),
  caller_id: z.string().max(32),
});

/** Add lead (page 2175107084): `other_info` is required and shown to the agent. */
export const addLeadBody = z.object({
  first_name: z.string().max(100).optional(),
  last_name: z.string().max(100).optional(),
  other_info: z.string().min(1).max(4000),
  unique_id: z.string().max(100).optional(),
  lead_provider: z.string().max(100).optional(),
  list_id: id,
  cost: z.number().nonnegative().optional(),
  phone_numbers: z.array(leadPhoneInput).min(1).max(10),
  ...z.object(contactFields).partial().shape,
});
export type AddLeadBody = z.infer<typeof addLeadBody>;

export const updateLeadBody = z
  .object({
    first_name: z.string().max(100),
    last_name: z.string().max(100),
    other_info: z.string().min(1).max(4000),
    unique_id: z.string().max(100),
    lead_provider: z.string().max(100),
    list_id: id,
    cost: z.number().nonnegative(),
    phone_numbers: z.array(leadPhoneInput).min(1).max(10),
    status: leadStatus.meta({ description: 'Set `DNC` to stop the lead being dialled.' }),
    ...contactFields,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one field to change' });
export type UpdateLeadBody = z.infer<typeof updateLeadBody>;

export const leadPhoneView = z.object({
  phone_number: z.string(),
  phone_type_id: z.number().int(),
  time_zone_id: z.number().int(),
  high_priority: z.boolean(),
  schedule_call_date_time: dateTimeOut.nullable(),
});

export const leadView = z
  .object({
    lead_id: id,
    list_id: id,
    first_name: z.string(),
    last_name: z.string(),
    other_info: z.string(),
    unique_id: z.string(),
    lead_provider: z.string(),
    cost: z.number().nullable(),
    ...contactFields,
    status: leadStatus,
    attempts: z.number().int().nonnegative(),
    last_call_id: idOrZero,
    last_call_date_time: dateTimeOut.nullable(),
    callback_date_time: dateTimeOut.nullable(),
    phone_numbers: z.array(leadPhoneView),
    created_at: dateTimeOut,
  })
  .meta({ id: 'Lead' });
export type LeadView = z.infer<typeof leadView>;

/**
 * An optional bulk cell sent as `""` means absent (A.6: a CSV-fed upload sends empty cells); any
 * other value must pass `schema`, whose message `error` repeats.
 */
function blankMeansAbsent<T extends z.ZodType<string, string>>(schema: T, error: string) {
  return z
    .union([z.literal(''), schema], { error })
    .transform((v) => (v === '' ? undefined : v))
    .optional();
}

const PHONE_OR_BLANK = 'must be 3 to 16 digits with an optional leading +, or "" for none';

/**
 * Bulk upload (page 2174943251). `schedule_call_date_time` is "null if not needed"; the page's
 * table calls `unique_id` `reference_id`: either name is accepted (`unique_id` wins when both are
 * sent, as the current spelling does everywhere, B.1) and the row carries `unique_id`.
 */
export const bulkLeadRow = z
  .object({
    phone_number_1: phoneNumber,
    phone_number_2: blankMeansAbsent(phoneNumber, PHONE_OR_BLANK),
    phone_number_3: blankMeansAbsent(phoneNumber, PHONE_OR_BLANK),
    email_1: z.string().max(200).optional(),
    email_2: z.string().max(200).optional(),
    messenger: z.string().max(200).optional(),
    unique_id: blankMeansAbsent(z.string().max(100), 'must be text of at most 100 characters'),
    reference_id: blankMeansAbsent(z.string().max(100), 'must be text of at most 100 characters').meta({
      description: 'The page’s table’s name for `unique_id`; accepted on input.',
    }),
    title: z.string().max(20).optional(),
    first_name: z.string().max(100).optional(),
    last_name: z.string().max(100).optional(),
    address_line_1: z.string().max(200).optional(),
    address_line_2: z.string().max(200).optional(),
    city: z.string().max(100).optional(),
    province: z.string().max(100).optional(),
    postal_code: z.string().max(20).optional(),
    caller_id: z.string().max(32).optional(),
    schedule_call_date_time: blankMeansAbsent(
      scheduleCallDateTimeIn,
      'must be "Now()", a real date-time (ISO-8601 with Z or an offset, or YYYY-MM-DD HH:MM:SS), null or ""',
    ).nullable(),
  })
  .transform(({ reference_id, ...row }) => ({ ...row, unique_id: row.unique_id ?? reference_id }));
export type BulkLeadRow = z.infer<typeof bulkLeadRow>;

/** Any object on the wire, shown as `BulkLeadRow` in the OpenAPI document. */
const bulkRows = documentAs(z.record(z.string(), z.unknown()), bulkLeadRow, 'BulkLeadRow');

/**
 * The bulk body checks only its frame; each row is checked on its own so that one bad row is a
 * `rejected` entry with its index, not a 400 for the whole upload (B.8).
 */
export const bulkUploadBody = z
  .object({
    list_id: id.optional().meta({ description: 'The list to add to (or the older `list_name`).' }),
    list_name: z.string().min(1).max(100).optional().meta({
      deprecated: true,
      description: 'Older form of the body (A.6): the list by its name, when `list_id` is not sent.',
    }),
    dnc_check: z.boolean(),
    deduplication: z.boolean(),
    leads: z.array(bulkRows).min(1).max(10_000).meta({
      description: 'Rows of the bulk lead fields (A.6); see `BulkLeadRow`. Rows that fail are reported in `rejected`.',
    }),
  })
  .superRefine((v, ctx) => {
    if (v.list_id === undefined && v.list_name === undefined)
      ctx.addIssue({ code: 'custom', path: ['list_id'], message: 'is required (or the older list_name)' });
  });
export type BulkUploadBody = z.infer<typeof bulkUploadBody>;

export const bulkUploadResult = commandResult
  .extend({
    inserted: z.number().int().nonnegative(),
    duplicates: z.number().int().nonnegative(),
    dnc_rejected: z.number().int().nonnegative(),
    rejected: z.array(z.object({ index: z.number().int().nonnegative(), field: z.string(), detail: z.string() })),
  })
  .meta({ id: 'BulkUploadResult', ...source('inferred') });

const leadIdParams = z.object({ lead_id: pathId });

export const addLead = defineRoute({
  id: 'addLead',
  method: 'POST',
  path: '/omni/lead',
  group: 'leads',
  auth: 'user',
  summary: 'Add a lead to a list',
  description:
    'Documented on page 2175107084; the response is not shown there (inferred `{ success, detail, lead_id }`).',
  source: 'documented',
  page: '2175107084',
  idempotent: false,
  body: addLeadBody,
  responses: { 200: commandResult.extend({ lead_id: id }).meta({ id: 'LeadCreated', ...source('inferred') }) },
  errors: ['NOT_FOUND'],
});

export const getLead = defineRoute({
  id: 'getLead',
  method: 'GET',
  path: '/omni/lead/{lead_id}',
  group: 'leads',
  auth: 'user',
  summary: 'A lead with its status, attempts and last call',
  source: 'inferred',
  idempotent: true,
  params: leadIdParams,
  responses: { 200: leadView },
});

export const updateLead = defineRoute({
  id: 'updateLead',
  method: 'PUT',
  path: '/omni/lead/{lead_id}',
  group: 'leads',
  auth: 'user',
  summary: 'Change a lead (only the fields given)',
  source: 'inferred',
  idempotent: true,
  params: leadIdParams,
  body: updateLeadBody,
  responses: { 200: commandResult },
});

export const deleteLead = defineRoute({
  id: 'deleteLead',
  method: 'DELETE',
  path: '/omni/lead/{lead_id}',
  group: 'leads',
  auth: 'user',
  summary: 'Delete a lead',
  source: 'inferred',
  idempotent: true,
  params: leadIdParams,
  responses: { 200: commandResult },
});

const bulkShape = {
  method: 'POST',
  group: 'leads',
  auth: 'user',
  idempotent: false,
  body: bulkUploadBody,
  responses: { 200: bulkUploadResult },
  page: '2174943251',
  errors: ['NOT_FOUND'],
  description:
    'Documented on page 2174943251; the response is not shown there (inferred). `dnc_check` rejects numbers on the system’s DNC list or of leads disposed `DNC`; `deduplication` skips rows whose `phone_number_1` (or `unique_id`, when given) is already in the list.',
} as const;

export const bulkUploadLeads = defineRoute({
  ...bulkShape,
  id: 'bulkUploadLeads',
  path: '/omni/leads/bulk/upload',
  summary: 'Upload many leads to a list',
  source: 'documented',
});

export const bulkUploadLeadsLegacy = defineRoute({
  ...bulkShape,
  id: 'bulkUploadLeadsLegacy',
  path: '/omni/leads/upload',
  summary: 'Upload many leads to a list (older path)',
  source: 'documented',
  deprecated: { use: 'bulkUploadLeads' },
});
