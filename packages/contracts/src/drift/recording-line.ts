/**
 * One line of a proxy recording (JSON Lines, one exchange per line): what a client asked a real
 * Omni and what it answered (`kind: 'rest'`), or a notification the real Omni posted to the
 * proxy's webhook tap and what the CRM's endpoint answered (`kind: 'notification'`). `omni-mock
 * proxy --record` writes these; `omni-mock replay` serves them back; the drift check reads them.
 *
 * A recording is meant to be committed, so every line is redacted before it is written:
 * - the system key (`Authorization: Key=…` header, `auth-key` query parameter), user tokens
 *   (`tokenKey` header and cookie, `token_key` in bodies), passwords (authorize's Base64 one and
 *   its decoded text), WebRTC passwords, the webhook's `secret`, `X-Omni-Signature`, and every
 *   field named in {@link SECRET_FIELDS} at any depth, are replaced by a placeholder
 *   `redacted:<kind>:<n>` ({@link redactedPlaceholder}); the same secret gets the same placeholder
 *   throughout one recording, so a replay still ties a token to the user it was issued to;
 * - the `Authorization` header keeps its form: `Key=redacted:system-key:1`;
 * - a secret value met elsewhere in the line (echoed in a `detail`, a cookie, a URL) is replaced
 *   by its placeholder too;
 * - phone numbers (the fields {@link isPhoneField} names, at any depth, and the same digits met
 *   anywhere else in the line) are masked unless `--keep-numbers`: {@link maskPhoneNumber} keeps a
 *   leading `+` and the length, so a masked number is still a well-formed number, and equal numbers
 *   get equal masks within a recording.
 * Types never change (a secret string becomes a placeholder string), so a redacted exchange is
 * checked against the contracts exactly like the original.
 *
 * @module
 */

import { z } from 'zod';
import { jsonValue } from '../common.js';

/** The recording format's version, the `v` of every line. */
export const RECORDING_VERSION = 1;

/** Headers as recorded: names in lower case (as Node reads them), repeated headers as arrays. */
export const recordedHeaders = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
export type RecordedHeaders = z.infer<typeof recordedHeaders>;

/**
 * A body as recorded: parsed JSON in `body` when it is JSON, text in `body` when it is text, and
 * anything else (a recording's WAV, JSON that does not parse) as Base64 in `body_base64`; neither
 * when there was no body. A compressed body (`Content-Encoding: gzip`, `deflate`, `br`) is kept
 * decoded, its recorded headers without `Content-Encoding` and `Content-Length`.
 */
const bodyFields = {
  body: jsonValue.optional(),
  body_base64: z.string().optional(),
};

export const recordedRequest = z.object({
  method: z.string().min(1),
  /** The path alone, without the query. */
  path: z.string().startsWith('/'),
  /** Query parameters; a repeated one as an array, in order. */
  query: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  headers: recordedHeaders,
  ...bodyFields,
});
export type RecordedRequest = z.infer<typeof recordedRequest>;

export const recordedResponse = z.object({
  status: z.number().int().min(100).max(599),
  headers: recordedHeaders,
  ...bodyFields,
});
export type RecordedResponse = z.infer<typeof recordedResponse>;

export const recordingLine = z.object({
  v: z.literal(RECORDING_VERSION),
  /** 1, 2, 3… in the order the exchanges completed within one recording. */
  seq: z.number().int().positive(),
  /** When the request arrived (ISO-8601 UTC). */
  at: z.iso.datetime({ offset: true }),
  kind: z.enum(['rest', 'notification']),
  /** The contracts' operation id the request matched; `null` for an unknown route or a notification. */
  route_id: z.string().nullable(),
  request: recordedRequest,
  response: recordedResponse,
  /** From the request's arrival to the end of the answer, in milliseconds. */
  duration_ms: z.number().nonnegative(),
});
export type RecordingLine = z.infer<typeof recordingLine>;

/** What a placeholder stands for. */
export const REDACTION_KINDS = [
  'system-key',
  'token',
  'password',
  'webrtc-password',
  'secret',
  'signature',
  'admin-key',
  'other',
] as const;
export type RedactionKind = (typeof REDACTION_KINDS)[number];

/** The placeholder of the `n`-th distinct secret of a kind in one recording. */
export function redactedPlaceholder(kind: RedactionKind, n: number): string {
  return `redacted:${kind}:${n}`;
}

/** Whether a string is (or, as `Key=…`, wraps) a placeholder. */
export function isRedactedPlaceholder(value: string): boolean {
  return /^(Key=)?redacted:[a-z-]+:\d+$/.test(value);
}

/** The field names that carry a phone number on the wire (A.3, A.4, A.6, B.6), matched without regard to case. */
export const PHONE_FIELDS = [
  'phone_number',
  'phone_numbers',
  'phone_number_1',
  'phone_number_2',
  'phone_number_3',
  'caller_id',
  'DNIS',
  'number_called',
  'outbound_cli',
  'outboud_cli',
] as const;

const PHONE_SET = new Set<string>(PHONE_FIELDS.map((f) => f.toLowerCase()));

/** Whether a field of this name holds a phone number (or, for `phone_numbers`, a list of them). */
export function isPhoneField(name: string): boolean {
  return PHONE_SET.has(name.toLowerCase());
}

/**
 * The mask of the `n`-th distinct number of a recording: the same length and leading `+`, its
 * digits `0…0<n>`, so `+447700900123` masks to `+000000000001`. A number too short to hold `n`
 * keeps its length by wrapping `n`.
 */
export function maskPhoneNumber(number: string, n: number): string {
  const plus = number.startsWith('+') ? '+' : '';
  const length = number.length - plus.length;
  const digits = String(n).slice(-length).padStart(length, '0');
  return `${plus}${digits}`;
}

/** Parses one line of a recording; throws a ZodError naming the bad field. */
export function parseRecordingLine(text: string): RecordingLine {
  return recordingLine.parse(JSON.parse(text));
}
