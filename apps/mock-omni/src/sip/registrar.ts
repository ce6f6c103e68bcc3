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

import { Core, type NameAddrHeader } from 'sip.js';
import type { Binding, BindingTable } from './binding-table.js';
import { digestsEqual, expectedDigestResponse, parseDigestCredentials } from './digest-credentials.js';
import type { NonceStore } from './nonce-store.js';
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
  /**
   * Answers one REGISTER. `wildcard` is true when the request carried `Contact: *` (sip.js's
   * grammar cannot parse it, so the caller strips that line before parsing).
   */
  handle(request: Core.IncomingRequestMessage, wildcard: boolean, connection: C): string;
}

/** RFC 3261's default registration interval when the request names none. */
const DEFAULT_EXPIRES_SECONDS = 3600;

export function createRegistrar<C extends RegistrarConnection>(options: RegistrarOptions<C>): Registrar<C> {
  const respond = (
    request: Core.IncomingRequestMessage,
    statusCode: number,
    reasonPhrase?: string,
    extraHeaders: string[] = [],
  ): string =>
    Core.constructOutgoingResponse(request, {
      statusCode,
      ...(reasonPhrase ? { reasonPhrase } : {}),
      extraHeaders,
    }).message;

  const challenge = (request: Core.IncomingRequestMessage, stale: boolean): string => {
    const nonce = options.nonces.issue();
    const header =
      `WWW-Authenticate: Digest realm="${options.realm}", nonce="${nonce}", algorithm=MD5, qop="auth"` +
      (stale ? ', stale=true' : '');
    return respond(request, 401, 'Unauthorized', [header]);
  };

  /** The Request-URI exactly as written on the request line: the digest `uri` must repeat it. */
  const rawRequestUri = (request: Core.IncomingRequestMessage): string => {
    const firstLine = request.data.slice(0, request.data.indexOf('\r\n'));
    return firstLine.split(' ')[1] ?? '';
  };

  const parseExpires = (value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    return /^[0-9]{1,10}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  };

  const okResponse = (request: Core.IncomingRequestMessage, binding: Binding<C> | undefined): string => {
    const now = options.now();
    const headers = [`Date: ${new Date(now).toUTCString()}`];
    if (binding) {
      const remaining = Math.max(1, Math.ceil((binding.expiresAt - now) / 1000));
      headers.push(`Contact: <${binding.contact.toString()}>;expires=${remaining}`);
    }
    return respond(request, 200, 'OK', headers);
  };

  return {
    handle(request, wildcard, connection) {
      const extension = request.to.uri.user;
      if (!extension) return respond(request, 404, 'Not Found (the To URI names no extension)');

      const authorization = request.getHeader('authorization');
      if (!authorization) return challenge(request, false);
      const credentials = parseDigestCredentials(authorization);
      if (typeof credentials === 'string') return respond(request, 400, `Bad Request (${credentials})`);
      if (credentials.algorithm !== undefined && credentials.algorithm.toUpperCase() !== 'MD5')
        return respond(request, 400, 'Bad Request (only the MD5 digest algorithm is supported)');
      if (credentials.realm !== options.realm) return challenge(request, false);
      if (credentials.qop !== 'auth' || !credentials.nc || !credentials.cnonce)
        return respond(request, 400, 'Bad Request (digest qop=auth with nc and cnonce is required)');
      if (credentials.uri !== rawRequestUri(request))
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

      const expiresHeader = parseExpires(request.getHeader('expires'));
      if (wildcard) {
        if (expiresHeader !== 0) return respond(request, 400, 'Bad Request (Contact: * needs Expires: 0)');
        if (existing && options.bindings.delete(existing)) options.onUnbound(existing);
        return okResponse(request, undefined);
      }

      // Validate every Contact before changing anything.
      const contacts: { header: NameAddrHeader; expires: number }[] = [];
      const count = request.getHeaders('contact').length;
      for (let i = 0; i < count; i++) {
        const header = request.parseHeader('contact', i) as NameAddrHeader | undefined;
        if (!header) return respond(request, 400, 'Bad Request (malformed Contact)');
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
          continue;
        }
        const binding: Binding<C> = {
          systemId: entry.systemId,
          extension,
          userId: entry.userId,
          aor: request.to.uri.toString(),
          contact: header.uri,
          callId: request.callId,
          cseq: request.cseq,
          registeredAt: now,
          expiresAt: now + expires * 1000,
          userAgent: request.getHeader('user-agent'),
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
