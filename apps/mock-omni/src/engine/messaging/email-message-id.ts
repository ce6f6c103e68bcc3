/**
 * The `Message-ID` of an outbound email (RFC 5322 §3.6.4): `<unique@domain>`, the unique part 128 bits from the
 * system's seeded generator, so that the same seed gives the same ids on every run and a reply can be threaded onto
 * them.
 *
 * @module
 */

import { DomainError } from '../domain-error.js';
import type { Rng } from '../rng.js';

const DOMAIN = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const MESSAGE_ID = /^<[^<>@\s]+@[^<>@\s]+>$/;

/** A new `Message-ID` on `domain` (the sender's), drawn from `rng`. */
export function createEmailMessageId(rng: Rng, domain: string): string {
  if (!DOMAIN.test(domain))
    throw DomainError.validation('domain', `must be a domain name, not ${JSON.stringify(domain)}`);
  let unique = '';
  for (let i = 0; i < 4; i++) unique += rng.nextUint32().toString(16).padStart(8, '0');
  return `<${unique}@${domain.toLowerCase()}>`;
}

/** Whether a header value is one `Message-ID` (`<left@right>`, no spaces). */
export function isEmailMessageId(value: string): boolean {
  return MESSAGE_ID.test(value);
}
