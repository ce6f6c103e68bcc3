/**
 * How the `/vicidial/*` lead archive service answers (A.7): TForge's messages verbatim, the HTTP status equal to
 * `http_code`, a 400 naming the first rule of A.7's table the body breaks (the flags, then the ids) with the values
 * that broke it, and its own 404 shape for a path it does not have. The rules themselves are the contract's body
 * schema: each of its issues carries the documented message, which names the rule here.
 *
 * @module
 */

import {
  leadIdValue,
  type RouteDef,
  VICIDIAL_INVALID_MESSAGES,
  VICIDIAL_MESSAGES,
  VICIDIAL_NOT_FOUND_MESSAGE,
  type VicidialInvalidMessage,
} from '@omnikit/contracts';
import type { z } from 'zod';

/** A vicidial 400: the rule's message and the values `lead_ids` echoes. */
export interface VicidialRejection {
  vicidialMessage: VicidialInvalidMessage;
  leadIds: unknown[];
}

const RULE_ORDER = new Map<string, number>(VICIDIAL_INVALID_MESSAGES.map((m, i) => [m, i]));

/**
 * The 400 for a body the contract refused (`value` as sent; undefined when it was not JSON at
 * all). A body that is not an object breaks the first rule: it has no `insert_leads` (inferred).
 */
export function vicidialRejection(issues: readonly z.core.$ZodIssue[], value: unknown): VicidialRejection {
  let first: VicidialInvalidMessage = VICIDIAL_MESSAGES.insertLeadsNotBoolean;
  let rank = Number.POSITIVE_INFINITY;
  for (const issue of issues) {
    const r = RULE_ORDER.get(issue.message);
    if (r !== undefined && r < rank) {
      rank = r;
      first = issue.message as VicidialInvalidMessage;
    }
  }
  const ids = value !== null && typeof value === 'object' ? (value as { lead_ids?: unknown }).lead_ids : undefined;
  // zod checks a list's length before its items: when the length rule is the one it reports,
  // the items may still break the integer rule, which comes first in A.7's table.
  if (rank > (RULE_ORDER.get(VICIDIAL_MESSAGES.notIntegers) as number) && Array.isArray(ids)) {
    const notIntegers = ids.filter((id) => !leadIdValue.safeParse(id).success);
    if (notIntegers.length > 0) return { vicidialMessage: VICIDIAL_MESSAGES.notIntegers, leadIds: notIntegers };
  }
  return { vicidialMessage: first, leadIds: echoFor(first, issues, ids) };
}

/** The values a rule echoes: the non-integers, or each duplicated id once; nothing otherwise. */
function echoFor(rule: VicidialInvalidMessage, issues: readonly z.core.$ZodIssue[], ids: unknown): unknown[] {
  if (rule !== VICIDIAL_MESSAGES.notIntegers && rule !== VICIDIAL_MESSAGES.duplicateIds) return [];
  const out: unknown[] = [];
  for (const issue of issues) {
    if (issue.message !== rule || issue.path[0] !== 'lead_ids') continue;
    const at = issue.path[1];
    // `lead_ids` itself not a list (inferred): the value is echoed as the one offending value.
    if (at === undefined) out.push(ids);
    else if (Array.isArray(ids) && typeof at === 'number') out.push(ids[at]);
  }
  return rule === VICIDIAL_MESSAGES.duplicateIds ? [...new Set(out)] : out;
}

export interface VicidialFailure {
  status: number;
  /** The mock's own words, the message of a status the wiki does not catalogue (413, 429, 5xx). */
  detail: string;
  /** A 400's rule and echo; without one (a body that is not JSON) the first rule is broken. */
  rejection?: VicidialRejection | undefined;
}

/**
 * The body of a vicidial error answer with `status`, in the contract's shape for it: the
 * documented message for 401 and 403 whatever the cause (a missing, malformed or unknown key is
 * one message), the inferred one for 404.
 */
export function vicidialErrorBody(f: VicidialFailure): Record<string, unknown> {
  if (f.status === 400) {
    const r = f.rejection ?? vicidialRejection([], undefined);
    return { message: r.vicidialMessage, lead_errors: r.leadIds.length, lead_ids: r.leadIds, http_code: 400 };
  }
  return { message: documentedMessage(f.status) ?? f.detail, http_code: f.status };
}

function documentedMessage(status: number): string | undefined {
  if (status === 401) return VICIDIAL_MESSAGES.unauthorized;
  if (status === 403) return VICIDIAL_MESSAGES.officeHours;
  if (status === 404) return VICIDIAL_NOT_FOUND_MESSAGE;
  return undefined;
}

/** Is `path` the archive service's (its unknown paths answer in its shape)? */
export function isVicidialPath(path: string): boolean {
  return path === '/vicidial' || path.startsWith('/vicidial/');
}

/** A 404 for a path under `/vicidial/` the service does not have. */
export function vicidialNotFound(): { status: 404; body: Record<string, unknown> } {
  return { status: 404, body: vicidialErrorBody({ status: 404, detail: VICIDIAL_NOT_FOUND_MESSAGE }) };
}

/** The paths a route is served on: a vicidial route tolerates a trailing slash, or its absence. */
export function servedPaths(route: RouteDef): string[] {
  if (route.errorShape !== 'vicidial') return [route.path];
  const bare = route.path.replace(/\/+$/, '');
  return [bare, `${bare}/`];
}
