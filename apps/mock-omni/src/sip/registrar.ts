/**
 * The registrar (RFC 3261 §10.3), the only SIP the mock writes by hand; every other exchange is
 * done by sip.js user agents. A REGISTER goes:
 *   no credentials → 401 with a fresh nonce;
 *   credentials for another realm → 401 (a fresh challenge);
 *   wrong password or unknown extension → 403 (the same answer, so extensions cannot be probed);
 *   right password, expired/unknown nonce or replayed `nc` → 401 `stale=true` (the client retries);
 *   right password, fresh nonce → bindings updated → 200 listing the binding with `;expires=`
 *   (sip.js never reaches Registered without it), or 423 when the expiry is too brief.
 * The digest username is the extension and must be the To URI's user: a phone registers only its
 * own extension. The AOR's domain is free (B.11).
 *
 * @module
 */

import { Core, Grammar, type NameAddrHeader } from 'sip.js';
import type { Binding, BindingTable } from './binding-table.js';
import {
  type DigestCredentials,
  digestsEqual,
  expectedDigestResponse,
  parseDigestCredentials,
} from './digest-credentials.js';
import type { NonceStore } from './nonce-store.js';
import { answerRegister, type RegisterMessage } from './register-message.js';
import type { SipAccounts } from './sip-accounts.js';

export interface RegistrarConnection {
  /** The system the connection's path names (`/ws/<ref>`), undefined for `/ws`. */
  readonly systemRef: string | undefined;
}

export interface RegistrarOptions<C extends RegistrarConnection> {
  accounts: SipAccounts;
  nonces: NonceStore;
  bindings: BindingTable<C>;
  now: () => number;
  realm: string;
  minExpiresSeconds: number;
  maxExpiresSeconds: number;
  /** A new binding for the extension (`previous`: the one it replaces, from another phone or connection). */
  onBound(binding: Binding<C>, previous: Binding<C> | undefined): void;
  /** A binding removed by an un-REGISTER. */
  onUnbound(binding: Binding<C>): void;
}

export interface Registrar<C extends RegistrarConnection> {
  /** Answers one REGISTER. */
  handle(request: RegisterMessage, connection: C): string;
}

/** RFC 3261's default registration interval when the request names none. */
const DEFAULT_EXPIRES_SECONDS = 3600;
/** The longest expiry read as it is (2³² − 1 s); a longer one is as long, then capped like any other (§10.3 step 7). */
const LONGEST_EXPIRES_SECONDS = 2 ** 32 - 1;

/**
 * The credentials for `realm` among a request's Authorization headers (§22.3: one per realm); when none is for it,
 * the first header's reading (a reason string when malformed), which the registrar answers as before.
 */
function credentialsFor(authorizations: readonly string[], realm: string): DigestCredentials | string | undefined {
  let first: DigestCredentials | string | undefined;
  for (const authorization of authorizations) {
    const credentials = parseDigestCredentials(authorization);
    if (typeof credentials !== 'string' && credentials.realm === realm) return credentials;
    first ??= credentials;
  }
  return first;
}

/**
 * The request's Contact headers, parsed with sip.js's grammar — unless they are the very text the
 * binding was made from (a refresh), whose parse is kept on the binding. Undefined when malformed.
 */
function contactHeaders<C>(
  contact: string | undefined,
  existing: Binding<C> | undefined,
): NameAddrHeader[] | undefined {
  if (contact === undefined) return [];
  if (existing && existing.contactText === contact) return [existing.contactHeader];
  const parsed: unknown = Grammar.parse(contact, 'Contact');
  if (!Array.isArray(parsed)) return undefined;
  return parsed.map((entry: { parsed: NameAddrHeader }) => entry.parsed);
}

export function createRegistrar<C extends RegistrarConnection>(options: RegistrarOptions<C>): Registrar<C> {
  const respond = answerRegister;

  const challenge = (request: RegisterMessage, stale: boolean): string => {
    const nonce = options.nonces.issue();
    const header =
      `WWW-Authenticate: Digest realm="${options.realm}", nonce="${nonce}", algorithm=MD5, qop="auth"` +
      (stale ? ', stale=true' : '');
    return respond(request, 401, 'Unauthorized', [header]);
  };

  /** delta-seconds is `1*DIGIT` (§25.1): any length is well formed. */
  const parseExpires = (value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const digits = value.trim();
    return /^[0-9]+$/.test(digits) ? Math.min(Number(digits), LONGEST_EXPIRES_SECONDS) : Number.NaN;
  };

  const okResponse = (request: RegisterMessage, binding: Binding<C> | undefined): string => {
    const now = options.now();
    const headers = [`Date: ${new Date(now).toUTCString()}`];
    if (binding) {
      const remaining = Math.max(1, Math.ceil((binding.expiresAt - now) / 1000));
      headers.push(`Contact: <${binding.contact.toString()}>;expires=${remaining}`);
    }
    return respond(request, 200, 'OK', headers);
  };

  return {
    handle(request, connection) {
      if (request.cseqMethod !== 'REGISTER')
        return respond(request, 400, 'Bad Request (the CSeq method is not REGISTER)');
      const extension = request.toUser;
      if (!extension) return respond(request, 404, 'Not Found (the To URI names no extension)');
      // §8.2.2.3: the registrar supports no extension a REGISTER could require.
      if (request.require.length > 0)
        return respond(request, 420, 'Bad Extension', [`Unsupported: ${request.require.join(', ')}`]);

      const credentials = credentialsFor(request.authorizations, options.realm);
      if (credentials === undefined) return challenge(request, false);
      if (typeof credentials === 'string') return respond(request, 400, `Bad Request (${credentials})`);
      if (credentials.algorithm !== undefined && credentials.algorithm.toUpperCase() !== 'MD5')
        return respond(request, 400, 'Bad Request (only the MD5 digest algorithm is supported)');
      if (credentials.realm !== options.realm) return challenge(request, false);
      if (credentials.qop !== 'auth' || !credentials.nc || !credentials.cnonce)
        return respond(request, 400, 'Bad Request (digest qop=auth with nc and cnonce is required)');
      if (credentials.uri !== request.requestUri)
        return respond(request, 400, 'Bad Request (the digest uri differs from the Request-URI)');

      const entry = options.accounts.lookup(connection.systemRef, credentials.username);
      const expected = entry ? expectedDigestResponse(credentials, 'REGISTER', entry.webrtcPassword) : '';
      if (!entry || !digestsEqual(expected, credentials.response)) return respond(request, 403, 'Forbidden');
      if (credentials.username !== extension)
        return respond(request, 403, 'Forbidden (a phone may register only its own extension)');
      if (options.nonces.check(credentials.nonce, credentials.nc) !== 'ok') return challenge(request, true);

      const existing = options.bindings.get(entry.systemId, extension);
      if (existing && existing.callId === request.callId && request.cseq <= existing.cseq)
        return respond(request, 400, 'Bad Request (CSeq out of order)');

      const expiresHeader = parseExpires(request.expires);
      if (request.wildcard) {
        // §10.3 step 6: `*` with another Contact, or without a zero Expires, is invalid.
        if (request.contactCount > 1) return respond(request, 400, 'Bad Request (Contact: * must be the only Contact)');
        if (expiresHeader !== 0) return respond(request, 400, 'Bad Request (Contact: * needs Expires: 0)');
        if (existing && options.bindings.delete(existing)) options.onUnbound(existing);
        return okResponse(request, undefined);
      }

      // Validate every Contact before changing anything.
      const headers = contactHeaders(request.contact, existing);
      if (!headers) return respond(request, 400, 'Bad Request (malformed Contact)');
      // Only a lone Contact's parse is kept for the next refresh.
      const contactText = headers.length === 1 ? (request.contact ?? '') : '';
      const contacts: { header: NameAddrHeader; expires: number }[] = [];
      for (const header of headers) {
        const param = header.getParam('expires');
        const expires = parseExpires(param ?? undefined) ?? expiresHeader ?? DEFAULT_EXPIRES_SECONDS;
        if (Number.isNaN(expires)) return respond(request, 400, 'Bad Request (malformed expires)');
        if (expires > 0 && expires < options.minExpiresSeconds)
          return respond(request, 423, 'Interval Too Brief', [`Min-Expires: ${options.minExpiresSeconds}`]);
        contacts.push({ header, expires: Math.min(expires, options.maxExpiresSeconds) });
      }
      // A REGISTER without Contact is a query: answer with the current binding.
      let current = existing;
      const now = options.now();
      for (const { header, expires } of contacts) {
        const sameContact = current !== undefined && Core.equivalentURI(current.contact, header.uri);
        if (expires === 0) {
          if (current && sameContact && options.bindings.delete(current)) {
            options.onUnbound(current);
            current = undefined;
          }
          continue;
        }
        if (current && sameContact && current.connection === connection) {
          current.expiresAt = now + expires * 1000;
          current.callId = request.callId;
          current.cseq = request.cseq;
          current.contactText = contactText;
          current.contactHeader = header;
          continue;
        }
        const binding: Binding<C> = {
          systemId: entry.systemId,
          extension,
          userId: entry.userId,
          aor: request.aor,
          contact: header.uri,
          contactText,
          contactHeader: header,
          callId: request.callId,
          cseq: request.cseq,
          registeredAt: now,
          expiresAt: now + expires * 1000,
          userAgent: request.userAgent,
          connection,
        };
        options.bindings.set(binding);
        options.onBound(binding, current);
        current = binding;
      }
      return okResponse(request, current);
    },
  };
}
