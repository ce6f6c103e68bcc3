/**
 * Which messaging rule (B.12.5) an error answer reports: by its `error_code`, or, when Omni sends
 * none (`errors=ok-false`, `status-only`), by the words of its `detail` — the mock's, and the
 * providers' own (Twilio, Meta) that a real Omni would likely pass on.
 *
 * @module
 */

import type { ErrorCode } from '@omnikit/contracts';
import {
  MessageTagRequiredError,
  RecipientOptedOutError,
  TemplateNotApprovedError,
  TemplateRequiredError,
  TemplateVariablesError,
} from '../messaging-error.js';
import type { ApiError, ApiErrorInit } from '../omni-error.js';

export type MessagingRule =
  | 'WINDOW_CLOSED_TEMPLATE_REQUIRED'
  | 'MESSAGE_TAG_REQUIRED'
  | 'RECIPIENT_OPTED_OUT'
  | 'TEMPLATE_NOT_APPROVED'
  | 'TEMPLATE_VARIABLES_MISMATCH';

/** Each rule's class and the status it comes with (the class's parent's). */
export const RULE_CLASSES: Readonly<Record<MessagingRule, { status: number; make(init: ApiErrorInit): ApiError }>> = {
  WINDOW_CLOSED_TEMPLATE_REQUIRED: { status: 409, make: (init) => new TemplateRequiredError(init) },
  MESSAGE_TAG_REQUIRED: { status: 409, make: (init) => new MessageTagRequiredError(init) },
  RECIPIENT_OPTED_OUT: { status: 409, make: (init) => new RecipientOptedOutError(init) },
  TEMPLATE_NOT_APPROVED: { status: 409, make: (init) => new TemplateNotApprovedError(init) },
  TEMPLATE_VARIABLES_MISMATCH: { status: 400, make: (init) => new TemplateVariablesError(init) },
};

/** In order: the first match decides. */
const RULE_PHRASES: readonly { pattern: RegExp; rule: MessagingRule }[] = [
  {
    pattern: /only an approved template may be sent|template required|re-engagement message|customer service window/i,
    rule: 'WINDOW_CLOSED_TEMPLATE_REQUIRED',
  },
  {
    pattern: /needs a message tag|message tag required|HUMAN_AGENT no longer applies|page cannot start a conversation/i,
    rule: 'MESSAGE_TAG_REQUIRED',
  },
  {
    pattern: /opt-?out keyword|opted out|unsubscribed recipient|is suppressed|suppression list/i,
    rule: 'RECIPIENT_OPTED_OUT',
  },
  { pattern: /\bis (pending|rejected), not approved|template (is )?not approved/i, rule: 'TEMPLATE_NOT_APPROVED' },
  {
    pattern: /takes \d+ (parameter|variable)|number of (parameters|variables)|variables? (do|does) not match/i,
    rule: 'TEMPLATE_VARIABLES_MISMATCH',
  },
];

const RULES = new Set<string>(Object.keys(RULE_CLASSES));

/**
 * The rule an answer reports. A code decides when there is one (a code that is no messaging rule
 * means none); without one, the detail's words.
 */
export function messagingRuleOf(errorCode: ErrorCode | undefined, detail: string): MessagingRule | undefined {
  if (errorCode !== undefined) return RULES.has(errorCode) ? (errorCode as MessagingRule) : undefined;
  for (const phrase of RULE_PHRASES) if (phrase.pattern.test(detail)) return phrase.rule;
  return undefined;
}
