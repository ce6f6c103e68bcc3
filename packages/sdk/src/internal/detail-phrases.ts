/**
 * The failure a `detail` text describes, for answers that carry no `error_code`: Omni may answer a
 * failure as `200 { success: false, detail }` (the documented command shape), where neither a
 * code nor a status is left to say what failed. The phrases below are those the mock writes for
 * each error code (and the plain English an ASP.NET service would write for the same failures);
 * the first rule that matches wins, so the narrow ones come before the broad ones (a token that
 * belongs to another user is a permission failure, not a token failure).
 *
 * @module
 */

/**
 * What failed, by kind. `system-key`, `credentials`, `no-token` and `token` are all an
 * AuthenticationError; only `token` (a token Omni refused) makes a session re-authorize. `no-token`
 * (`MISSING_TOKEN`: no token reached Omni) does not: the session sends the token it holds, so a new
 * one would be lost on the way the same, as the coded answer's `MISSING_TOKEN` is not re-authorized.
 */
export type FailureKind =
  | 'validation'
  | 'system-key'
  | 'credentials'
  | 'no-token'
  | 'token'
  | 'permission'
  | 'not-found'
  | 'state'
  | 'too-large'
  | 'media-type'
  | 'rate-limited'
  | 'server';

export interface DetailPhrase {
  readonly pattern: RegExp;
  readonly kind: FailureKind;
}

/** In order: the first match decides. */
export const DETAIL_PHRASES: readonly DetailPhrase[] = [
  // The mock's 400 names the part at fault first; the field's own message may say anything after it.
  { pattern: /^invalid (path parameters?|query parameters?|body fields?):/i, kind: 'validation' },
  {
    pattern: /a bug in the mock|could not store|was not served|internal (server )?error|service unavailable/i,
    kind: 'server',
  },
  { pattern: /bytes; this route takes at most|payload too large|request entity too large/i, kind: 'too-large' },
  { pattern: /content-type|unsupported media type/i, kind: 'media-type' },
  { pattern: /system key|admin key|auth-key|authorization header|api key/i, kind: 'system-key' },
  {
    pattern: /user_name or password|password is wrong|wrong (user ?name|password)|invalid (user ?name|credentials)/i,
    kind: 'credentials',
  },
  {
    pattern:
      /token belongs to user|office hours|does not serve|never drives the control API|may take it for itself|forbidden|not permitted|permission/i,
    kind: 'permission',
  },
  // Before `token`: these name the tokenKey too, but say that none arrived, not that it was refused.
  {
    pattern:
      /\bno (user )?(tokenkey|token_key|token)\b|\b(tokenkey|token_key|token)( header)? (is |was )?missing|\bmissing (user )?(tokenkey|token_key|token)\b/i,
    kind: 'no-token',
  },
  {
    pattern:
      /tokenkey|token_key|\btoken (is |was |has )?(been )?(expired|revoked|invalid|not valid)|not a token|revoked|unauthori[sz]ed/i,
    kind: 'token',
  },
  { pattern: /rate limit|too many requests/i, kind: 'rate-limited' },
  {
    pattern:
      /not allowed in this state|is not registered|not logged in|is not user \d+'s|already|can be set once|can start when|dispose the call before|needs an agent|needs a preview campaign|only a race still racing|is not the lead|bridge call|stays logged out|no notification endpoint is set|nothing to replay|takes no inbound calls|only a manual clock|cannot be deleted|has not joined (a )?messaging campaign|leave it before joining|conversation \d+ is (closed|queued)|is assigned to agent \d+|does not carry|invalid state|conflict/i,
    kind: 'state',
  },
  { pattern: /does not exist|there is no route|not found|^no template\b/i, kind: 'not-found' },
  {
    pattern:
      /the body is (empty|not valid json)|nests arrays and objects|\bmust (be|hold|not)\b|is required|is a duplicate|is only given with|is given with \w+ only|\bis not valid\b|not one of|has no inbound_dids|validation/i,
    kind: 'validation',
  },
];

/** The kind of failure `detail` describes, or undefined when no phrase of the table matches. */
export function kindOfDetail(detail: string): FailureKind | undefined {
  for (const phrase of DETAIL_PHRASES) if (phrase.pattern.test(detail)) return phrase.kind;
  return undefined;
}
