/**
 * WhatsApp message templates, the only messages that may open a conversation outside the customer-service window.
 * A template is submitted `pending`, and Meta's review makes it `approved` or `rejected` (once, either way); only an
 * approved template in the requested language may be sent. Its body carries positional variables `{{1}}`…`{{n}}`,
 * numbered from 1 without gaps, and a send must give exactly n non-empty values, which are put in their places.
 *
 * @module
 */

import type { FieldError } from '@omnikit/contracts';
import { DomainError } from '../domain-error.js';
import { CHANNEL_ERRORS, type ChannelRefusal } from './channel-error.js';

export const WHATSAPP_TEMPLATE_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type WhatsappTemplateStatus = (typeof WHATSAPP_TEMPLATE_STATUSES)[number];

export const WHATSAPP_TEMPLATE_CATEGORIES = ['marketing', 'utility', 'authentication'] as const;
export type WhatsappTemplateCategory = (typeof WHATSAPP_TEMPLATE_CATEGORIES)[number];

export interface WhatsappTemplateDefinition {
  /** Lower-case letters, digits and underscores, as Meta requires. */
  name: string;
  /** A WhatsApp language code: `en`, `en_US`, `pt_BR`, `af`… */
  language: string;
  category: WhatsappTemplateCategory;
  body: string;
}

export interface WhatsappTemplate extends WhatsappTemplateDefinition {
  status: WhatsappTemplateStatus;
  /** Why review rejected it (null unless rejected). */
  rejectedReason: string | null;
}

/** Meta's limits on a template body. */
export const WHATSAPP_TEMPLATE_LIMITS = { nameMax: 512, bodyMax: 1_024 } as const;

const NAME = /^[a-z0-9_]+$/;
const LANGUAGE = /^[a-z]{2,3}(_[A-Z]{2})?$/;
const VARIABLE = /\{\{([^{}]*)\}\}/g;

/** The variable numbers in a body, in order of appearance, as written (numbers or not). */
function variablesOf(body: string): string[] {
  return [...body.matchAll(VARIABLE)].map((m) => m[1] ?? '');
}

/** How many values a body takes: its highest variable number (0 without variables). */
export function templateVariableCount(body: string): number {
  let max = 0;
  for (const v of variablesOf(body)) if (/^[1-9][0-9]*$/.test(v)) max = Math.max(max, Number(v));
  return max;
}

/** What is wrong with a definition, as field errors; empty when Meta's review would accept its form. */
export function whatsappTemplateDefinitionErrors(def: WhatsappTemplateDefinition): FieldError[] {
  const errors: FieldError[] = [];
  if (!NAME.test(def.name) || def.name.length > WHATSAPP_TEMPLATE_LIMITS.nameMax)
    errors.push({
      field: 'name',
      message: `must be 1 to ${WHATSAPP_TEMPLATE_LIMITS.nameMax} lower-case letters, digits or underscores`,
    });
  if (!LANGUAGE.test(def.language))
    errors.push({ field: 'language', message: 'must be a WhatsApp language code such as en, en_US or pt_BR' });
  const body = def.body.trim();
  if (body.length === 0) errors.push({ field: 'body', message: 'must not be empty' });
  else if (def.body.length > WHATSAPP_TEMPLATE_LIMITS.bodyMax)
    errors.push({ field: 'body', message: `must be at most ${WHATSAPP_TEMPLATE_LIMITS.bodyMax} characters` });
  const written = variablesOf(def.body);
  const bad = written.find((v) => !/^[1-9][0-9]*$/.test(v));
  if (bad !== undefined) {
    errors.push({ field: 'body', message: `variable {{${bad}}} must be a number from 1` });
  } else if (written.length > 0) {
    const used = new Set(written.map(Number));
    const n = templateVariableCount(def.body);
    for (let i = 1; i <= n; i++)
      if (!used.has(i)) {
        errors.push({
          field: 'body',
          message: `variables must run {{1}} to {{${n}}} without gaps; {{${i}}} is missing`,
        });
        break;
      }
    // Meta refuses a body that begins or ends with a variable: the fixed text must frame the values.
    if (/^\{\{[^{}]*\}\}/.test(body) || /\{\{[^{}]*\}\}$/.test(body))
      errors.push({ field: 'body', message: 'must not begin or end with a variable' });
  }
  return errors;
}

/** A definition as submitted for review: `pending`. Throws VALIDATION_FAILED with every field error. */
export function submitWhatsappTemplate(def: WhatsappTemplateDefinition): WhatsappTemplate {
  const errors = whatsappTemplateDefinitionErrors(def);
  if (errors.length > 0)
    throw new DomainError(
      'VALIDATION_FAILED',
      `template ${def.name} is not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
      errors,
    );
  return { ...def, status: 'pending', rejectedReason: null };
}

/** Review's decision on a pending template; a template is reviewed once (INVALID_STATE after). */
export function reviewWhatsappTemplate(
  template: WhatsappTemplate,
  decision: { status: 'approved' } | { status: 'rejected'; reason: string },
): WhatsappTemplate {
  if (template.status !== 'pending')
    throw DomainError.invalidState(`template ${template.name} (${template.language}) is already ${template.status}`);
  return decision.status === 'approved'
    ? { ...template, status: 'approved', rejectedReason: null }
    : { ...template, status: 'rejected', rejectedReason: decision.reason };
}

/** The template of a name in a language, if the registry has one. */
export function findWhatsappTemplate(
  registry: readonly WhatsappTemplate[],
  name: string,
  language: string,
): WhatsappTemplate | undefined {
  return registry.find((t) => t.name === name && t.language === language);
}

export type TemplateRender = { ok: true; text: string } | { ok: false; refusal: ChannelRefusal };

/**
 * The text a template send delivers, or WhatsApp's refusal: 132001 when no approved template has that name in that
 * language, 132000 when the number of values differs from the body's variables, 131009 when a value is empty, or
 * holds a new line, a tab or more than four spaces in a row (WhatsApp refuses those in a parameter).
 */
export function renderWhatsappTemplate(
  registry: readonly WhatsappTemplate[],
  send: { name: string; language: string; parameters: readonly string[] },
): TemplateRender {
  const template = findWhatsappTemplate(registry, send.name, send.language);
  if (template === undefined || template.status !== 'approved')
    return refuse(
      'whatsappTemplateMissing',
      template === undefined
        ? `no template ${send.name} in language ${send.language}`
        : `template ${send.name} (${send.language}) is ${template.status}, not approved`,
    );
  const expected = templateVariableCount(template.body);
  if (send.parameters.length !== expected)
    return refuse(
      'whatsappParameterCount',
      `template ${send.name} takes ${expected} parameter(s); ${send.parameters.length} given`,
    );
  const invalid = send.parameters.findIndex((p) => p.trim() === '' || /[\n\t]| {5}/.test(p));
  if (invalid >= 0)
    return refuse(
      'whatsappParameterInvalid',
      `parameter ${invalid + 1} must be non-empty text without new lines, tabs or more than four spaces in a row`,
    );
  const text = template.body.replace(VARIABLE, (_m, n: string) => send.parameters[Number(n) - 1] ?? '');
  return { ok: true, text };
}

function refuse(
  name: 'whatsappTemplateMissing' | 'whatsappParameterCount' | 'whatsappParameterInvalid',
  detail: string,
): TemplateRender {
  return { ok: false, refusal: { error: CHANNEL_ERRORS[name], detail } };
}
