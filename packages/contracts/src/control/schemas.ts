/**
 * Wire shapes of the mock's control API (`/__mock/*`). Not Omni: the production sdk never sees
 * them. Per-system routes act on the system named by `Authorization: Key=…` (the default system
 * when none is given); creating and deleting systems needs `X-Mock-Admin-Key` when the mock has one.
 *
 * @module
 */

import { z } from 'zod';
import { dateTimeOut, id, jsonValue, phoneNumber } from '../common.js';
import { ERROR_CODES } from '../errors.js';
import { clockStartText } from './clock-span.js';
import { createSystemVary } from './variation.js';

/** The header carrying the mock's admin key. */
export const ADMIN_KEY_HEADER = 'X-Mock-Admin-Key';

/** `real`, `manual` or `scaled:N` (N > 0, at most 100000), as the CLI's `--clock`. */
export const clockSetting = z
  .string()
  .regex(/^(real|manual|scaled:[0-9]+(\.[0-9]+)?)$/, 'must be real, manual or scaled:N')
  .refine((s) => !s.startsWith('scaled:') || (Number(s.slice(7)) > 0 && Number(s.slice(7)) <= 100_000), {
    message: 'scaled:N needs 0 < N <= 100000',
  });

export const systemKey = z
  .string()
  .regex(/^[A-Za-z0-9._-]{8,100}$/, 'must be 8 to 100 letters, digits, dots, dashes or underscores');

export const clockView = z
  .object({
    mode: z.enum(['real', 'scaled', 'manual']),
    scale: z.number().positive(),
    now: dateTimeOut,
    now_ms: z.number().int(),
    pending_timers: z.number().int().nonnegative(),
    next_timer_at: dateTimeOut.nullable(),
  })
  .meta({ id: 'MockClock' });
export type ClockView = z.infer<typeof clockView>;

export const officeHoursWindow = z
  .object({
    days: z
      .array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']))
      .min(1)
      .max(7),
    start: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be HH:MM'),
    end: z.string().regex(/^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/, 'must be HH:MM (24:00 allowed)'),
  })
  .refine((w) => w.start < w.end, { message: 'start must be before end', path: ['end'] });

/** A valid IANA time zone name (checked with the runtime's Intl data). */
export const timeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be an IANA time zone, e.g. Africa/Johannesburg' },
  );

export const officeHours = z
  .object({
    time_zone: timeZone,
    windows: z.array(officeHoursWindow).max(50),
  })
  .meta({ id: 'MockOfficeHours' });
export type OfficeHours = z.infer<typeof officeHours>;

export const systemView = z
  .object({
    system_key: z.string(),
    is_default: z.boolean(),
    seed: z.number().int(),
    clock: clockView,
    office_hours: officeHours,
    token_lifetime_seconds: z.number().int().positive(),
    created_at: dateTimeOut,
    vary: z.string().meta({
      description:
        'The variation the system plays, as `--vary` text (`default`: the contracts’ own shapes); `GET /__mock/system/variation` has every axis.',
    }),
    vary_ignored: z.string().optional().meta({
      description:
        'Present when the system’s stored variation is one this mock does not understand (written by a newer OmniKit, or edited by hand): that text, kept but ignored, while the system plays `vary`; `GET /__mock/system/variation` says why.',
    }),
  })
  .meta({ id: 'MockSystem' });
export type SystemView = z.infer<typeof systemView>;

export const createSystemBody = z.object({
  system_key: systemKey.optional().meta({ description: 'A key of your choice; a random one when absent.' }),
  seed: z.number().int().min(0).max(2_147_483_647).optional(),
  clock: clockSetting.optional().meta({ description: 'The mock’s default (`--clock`) when absent.' }),
  clock_start: clockStartText.optional().meta({
    description:
      'The virtual instant the clock starts at (the mock’s default when absent), from 1970-01-01 to 9999-01-01.',
  }),
  vary: createSystemVary.nullable().optional().meta({
    description:
      'The plausible Omni the system plays (`--vary` text; `random` draws from the system’s seed), kept by restarts and resets. Absent or `null` (as with `PUT /__mock/system/variation`): the system follows the mock’s `--vary`.',
  }),
});
export type CreateSystemBody = z.infer<typeof createSystemBody>;

export const systemCreated = z
  .object({ success: z.literal(true), detail: z.string(), system_key: z.string(), system: systemView })
  .meta({ id: 'MockSystemCreated' });

export const resetSystemBody = z.object({
  seed: z
    .number()
    .int()
    .min(0)
    .max(2_147_483_647)
    .optional()
    .meta({ description: 'Keeps the current seed when absent.' }),
});

export const setSeedBody = z.object({ seed: z.number().int().min(0).max(2_147_483_647) });

export const advanceClockBody = z.object({
  ms: z
    .number()
    .int()
    .min(0)
    .max(366 * 86_400_000)
    .meta({ description: 'Virtual milliseconds to move forward (at most a year per call).' }),
});

export const advanceResult = z
  .object({
    success: z.literal(true),
    detail: z.string(),
    timers_run: z.number().int().nonnegative(),
    clock: clockView,
  })
  .meta({ id: 'MockClockAdvanced' });

export const setClockBody = z
  .object({
    mode: z.enum(['real', 'scaled', 'manual']),
    scale: z.number().positive().max(100_000).optional().meta({ description: 'Required with `scaled`.' }),
  })
  .superRefine((v, ctx) => {
    if (v.mode === 'scaled' && v.scale === undefined)
      ctx.addIssue({ code: 'custom', path: ['scale'], message: 'is required with mode scaled' });
  });

export const mockUserView = z
  .object({
    user_id: id,
    user_name: z.string(),
    extension: z.string(),
    webrtc_password: z.string(),
  })
  .meta({ id: 'MockUser' });

export const createUserBody = z.object({
  user_name: z.string().regex(/^[A-Za-z0-9._@-]{1,100}$/, 'must be 1 to 100 letters, digits or . _ @ -'),
  // Authorize takes the Base64 of the password's ASCII bytes (A.2): a password with any other character could never
  // be sent, so the user could never sign in.
  password: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\x20-\x7e]*$/, 'must be printable ASCII: authorize takes the Base64 of its ASCII bytes')
    .meta({ description: 'The plain password, printable ASCII (authorize takes its Base64).' }),
  extension: z.string().regex(/^[0-9]{2,10}$/, 'must be 2 to 10 digits'),
  webrtc_password: z.string().min(1).max(200),
});

export const userCreated = z
  .object({ success: z.literal(true), detail: z.string(), user_id: id })
  .meta({ id: 'MockUserCreated' });

export const dncList = z
  .object({ phone_numbers: z.array(z.string()), total: z.number().int().nonnegative() })
  .meta({ id: 'MockDncList' });

export const addDncBody = z.object({ phone_numbers: z.array(phoneNumber).min(1).max(10_000) });
export const dncChanged = z
  .object({ success: z.literal(true), detail: z.string(), changed: z.number().int().nonnegative() })
  .meta({ id: 'MockDncChanged' });

export const journalQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']).optional(),
  path: z.string().max(500).optional().meta({ description: 'Only requests whose path starts with this.' }),
  route_id: z.string().max(100).optional(),
  status: z.coerce.number().int().min(100).max(599).optional(),
  since_id: z.coerce.number().int().min(0).optional().meta({ description: 'Only entries after this id.' }),
});

export const journalEntry = z
  .object({
    id: z.number().int().positive(),
    at: dateTimeOut.meta({ description: 'Wall-clock time the request arrived.' }),
    virtual_at: dateTimeOut.meta({ description: 'The system’s virtual time then.' }),
    method: z.string(),
    path: z.string(),
    query: z.string(),
    route_id: z.string().nullable(),
    status: z.number().int(),
    duration_ms: z.number().nonnegative(),
    fault: z.string().nullable().meta({ description: 'The fault applied, if any.' }),
    request_body: jsonValue.meta({
      description:
        'The body as parsed: values under a secret field name (`SECRET_FIELDS`) read `***`; at most 64 levels and 20,000 values (the rest a `[truncated: …]` marker); `{ truncated: true, bytes }` over 64 KiB; null when none was read.',
    }),
    response_body: jsonValue.meta({
      description:
        'The answer, masked and bounded like `request_body`; `{ truncated: true, bytes }` when it would make the entry larger than 1 MiB.',
    }),
  })
  .meta({ id: 'MockJournalEntry' });

export const journalView = z
  .object({ entries: z.array(journalEntry), capacity: z.number().int().positive() })
  .meta({ id: 'MockJournal' });

const faultErrorCode = z.enum(ERROR_CODES.filter((c) => c !== 'ROUTE_NOT_FOUND') as [string, ...string[]]);

export const createFaultBody = z
  .object({
    route_id: z
      .string()
      .min(1)
      .max(100)
      .meta({ description: 'An Omni route’s operation id (e.g. `getCampaign`), or `*` for every Omni route.' }),
    latency_ms: z.number().int().min(0).max(60_000).optional().meta({ description: 'Wall-clock delay.' }),
    latency_max_ms: z
      .number()
      .int()
      .min(0)
      .max(60_000)
      .optional()
      .meta({ description: 'With it, the delay is uniform in [latency_ms, latency_max_ms] (seeded).' }),
    error_code: faultErrorCode.optional().meta({ description: 'Answer this error instead of running the route.' }),
    status: z
      .number()
      .int()
      .min(500)
      .max(599)
      .optional()
      .meta({ description: 'With `INTERNAL`: the 5xx status to answer (500 when absent).' }),
    rate: z.number().min(0).max(1).default(1).meta({ description: 'Share of matching requests that fail (seeded).' }),
    retry_after_seconds: z.number().int().min(0).max(86_400).optional().meta({ description: 'With RATE_LIMITED.' }),
  })
  .superRefine((v, ctx) => {
    if (v.latency_ms === undefined && v.error_code === undefined)
      ctx.addIssue({ code: 'custom', path: ['error_code'], message: 'give latency_ms or error_code (or both)' });
    if (v.latency_max_ms !== undefined && (v.latency_ms === undefined || v.latency_max_ms < v.latency_ms))
      ctx.addIssue({ code: 'custom', path: ['latency_max_ms'], message: 'needs latency_ms and must be >= it' });
    if (v.status !== undefined && v.error_code !== 'INTERNAL')
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'only with error_code INTERNAL' });
    if (v.retry_after_seconds !== undefined && v.error_code !== 'RATE_LIMITED')
      ctx.addIssue({ code: 'custom', path: ['retry_after_seconds'], message: 'only with error_code RATE_LIMITED' });
  });
export type CreateFaultBody = z.infer<typeof createFaultBody>;

export const faultView = z
  .object({
    fault_id: id,
    route_id: z.string(),
    latency_ms: z.number().int().nullable(),
    latency_max_ms: z.number().int().nullable(),
    error_code: z.string().nullable(),
    status: z.number().int().nullable(),
    rate: z.number(),
    retry_after_seconds: z.number().int().nullable(),
    hits: z.number().int().nonnegative().meta({ description: 'Requests this fault changed so far.' }),
  })
  .meta({ id: 'MockFault' });
export type FaultView = z.infer<typeof faultView>;

export const faultCreated = z
  .object({ success: z.literal(true), detail: z.string(), fault_id: id })
  .meta({ id: 'MockFaultCreated' });

export const faultList = z.object({ faults: z.array(faultView) }).meta({ id: 'MockFaultList' });

export const systemList = z.object({ systems: z.array(systemView) }).meta({ id: 'MockSystemList' });

export const okResult = z.object({ success: z.literal(true), detail: z.string() }).meta({ id: 'MockOk' });

export const healthView = z
  .object({ status: z.literal('ok'), version: z.string(), systems: z.number().int().nonnegative() })
  .meta({ id: 'MockHealth' });

/** An extension in a control path (`/__mock/phones/{extension}/…`): the user's, as created. */
export const extensionParams = z.object({
  extension: z.string().regex(/^[0-9]{2,10}$/, 'must be 2 to 10 digits'),
});

/**
 * A phone registered for an extension: `virtual` (registered through the control API, answers its
 * bridge call at virtual t+0) or `sip` (registered over SIP-over-WebSocket).
 */
export const phoneView = z
  .object({
    extension: z.string(),
    user_id: id,
    kind: z.enum(['virtual', 'sip']),
    registered_at: dateTimeOut.nullable().meta({ description: 'System clock; null for SIP phones.' }),
  })
  .meta({ id: 'MockPhone' });
export type PhoneView = z.infer<typeof phoneView>;

export const phoneList = z.object({ phones: z.array(phoneView) }).meta({ id: 'MockPhoneList' });

export const phoneResult = z
  .object({ success: z.literal(true), detail: z.string(), registered: z.boolean() })
  .meta({ id: 'MockPhoneResult' });
