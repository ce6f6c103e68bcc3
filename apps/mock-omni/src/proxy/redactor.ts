/**
 * Makes a recording line safe to commit, by the rules of `@omnikit/contracts/drift`'s recording
 * format: secrets become stable placeholders, phone numbers stable masks, and either met again
 * anywhere in a later string of the recording is replaced the same way. One redactor serves one
 * recording, so the same token is the same placeholder from the authorize that issued it to the
 * last request that used it.
 *
 * Beyond the contracts' secret fields, a name that reads as a credential wherever it appears
 * (`Proxy-Authorization`, `X-Api-Key`, `access_token`, `client_secret`, a session cookie such as
 * `JSESSIONID`) has its text value replaced too: a real Omni, or a CRM's own gateway in front of
 * it, may use names the contracts never saw, and a recording is meant to be committed. A body
 * whose type does not say JSON (`text/plain`, a form, none) is read as JSON or a form for the
 * same fields: a client's content type is no promise about what the body holds.
 *
 * @module
 */

import { isDeepStrictEqual } from 'node:util';
import { isSecretField, type JsonValue } from '@omnikit/contracts';
import {
  isPhoneField,
  maskPhoneNumber,
  type RecordedHeaders,
  type RecordedRequest,
  type RecordedResponse,
  type RecordingLine,
  type RedactionKind,
  redactedPlaceholder,
} from '@omnikit/contracts/drift';

/** A secret or number shorter than this is not searched for inside other strings (too many false hits). */
const MIN_EMBEDDED_LENGTH = 6;
/** A binary body larger than this is not searched for embedded secrets (a WAV holds none). */
const MAX_SCANNED_BINARY = 1024 * 1024;

const normalise = (name: string) => name.toLowerCase().replace(/[-_]/g, '');
const firstValue = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const FORM_TYPE = /^\s*application\/x-www-form-urlencoded\b/i;

/** A form's name or value as text (`+` is a space); one that does not decode is kept as it came. */
function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** What kind of secret a field of this name holds (it is in SECRET_FIELDS). */
function kindOf(name: string): RedactionKind {
  switch (normalise(name)) {
    case 'password':
      return 'password';
    case 'webrtcpassword':
      return 'webrtc-password';
    case 'secret':
      return 'secret';
    case 'tokenkey':
      return 'token';
    case 'authkey':
    case 'authorization':
    case 'systemkey':
      return 'system-key';
    case 'xmockadminkey':
      return 'admin-key';
    default:
      return 'other';
  }
}

/**
 * Names (lower case, `-` and `_` removed) that read as a credential: checked on the name's end,
 * so `xapikey`, `accesstoken` and `clientsecret` are, and `tokens` or `tokenlifetimeseconds` are not.
 */
const CREDENTIAL_NAME =
  /(password|passwd|passphrase|secret|token|apikey|accesskey|privatekey|credentials?|authorization|auth|session|sessionid|sessid)$/;
/** Cookie names that read as a session's id besides those (`connect.sid`, `sid`). */
const SESSION_COOKIE = /(^|[.])sid$/;

/** Whether a name holds a secret: one of the contracts' secret fields, or a name that reads as a credential. */
function isCredentialName(name: string): boolean {
  return isSecretField(name) || CREDENTIAL_NAME.test(normalise(name));
}

/** The kind of placeholder for a secret under this name. */
function kindOfName(name: string): RedactionKind {
  const kind = kindOf(name);
  if (kind !== 'other') return kind;
  const n = normalise(name);
  if (n.endsWith('authorization')) return 'system-key';
  if (n.endsWith('token')) return 'token';
  if (/(password|passwd|passphrase)$/.test(n)) return 'password';
  if (n.endsWith('secret')) return 'secret';
  return 'other';
}

/** Whether a string reads as a phone number: digits (at least 3) with an optional `+` and separators. */
const PHONE_LIKE = /^\+?[0-9][0-9 ().-]{1,30}[0-9]$/;

/** The text a Base64 password decodes to, when it is printable ASCII (A.2: Base64 of the ASCII bytes). */
function decodedPassword(value: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return undefined;
  const text = Buffer.from(value, 'base64').toString('latin1');
  return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
}

export class Redactor {
  private readonly secrets = new Map<string, string>();
  private readonly counters = new Map<RedactionKind, number>();
  private readonly numbers = new Map<string, string>();
  private embedded: RegExp | undefined;
  private stale = true;

  constructor(private readonly keepNumbers = false) {}

  /** The placeholder of a secret value, given one the first time it is seen. */
  private secret(kind: RedactionKind, value: string): string {
    if (value === '') return value;
    const known = this.secrets.get(value);
    if (known !== undefined) return known;
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    const placeholder = redactedPlaceholder(kind, n);
    this.secrets.set(value, placeholder);
    this.stale = true;
    return placeholder;
  }

  private number(value: string): string {
    if (this.keepNumbers || !PHONE_LIKE.test(value)) return value;
    const known = this.numbers.get(value);
    if (known !== undefined) return known;
    const mask = maskPhoneNumber(value, this.numbers.size + 1);
    this.numbers.set(value, mask);
    this.stale = true;
    return mask;
  }

  /** A redacted copy of the line; the line given is left as it is. */
  redact(line: RecordingLine): RecordingLine {
    const request = {
      ...line.request,
      headers: this.headers(line.request.headers),
      query: Object.fromEntries(
        Object.entries(line.request.query).map(([k, v]) => {
          // A query parameter named like a secret or a phone field holds one, on any route (known or not).
          const each = isCredentialName(k)
            ? (x: string) => this.secret(kindOfName(k), x)
            : isPhoneField(k)
              ? (x: string) => this.number(x)
              : (x: string) => x;
          return [k, Array.isArray(v) ? v.map(each) : each(v)];
        }),
      ),
      ...this.bodyOf(line.request),
    };
    const response = {
      ...line.response,
      headers: this.headers(line.response.headers),
      ...this.bodyOf(line.response),
    };
    // Secrets and numbers met in fields above are now known: replace them wherever else they appear.
    const redacted: RecordingLine = { ...line, request, response };
    return this.embeddedPass(redacted);
  }

  /**
   * A part's body, redacted. JSON is walked field by field. A body kept as text or Base64 may be
   * JSON or a form all the same — `fetch` sends a string body as `text/plain`, `curl -d` as a
   * form, a bare `http.request` with no type at all — and its credentials and numbers must not be
   * kept either: such a body is read as JSON, or as a form when its type says so, and its text
   * is rewritten only when something in it was replaced.
   */
  private bodyOf(part: RecordedRequest | RecordedResponse): { body?: JsonValue; body_base64?: string } {
    const type = firstValue(part.headers['content-type']);
    if (typeof part.body === 'string') return { body: this.textBody(part.body, type) };
    if (part.body !== undefined) return { body: this.json(part.body, undefined) };
    if (part.body_base64 === undefined || part.body_base64.length > (MAX_SCANNED_BINARY * 4) / 3) return {};
    const bytes = Buffer.from(part.body_base64, 'base64');
    const text = bytes.toString('utf8');
    // Only text that is UTF-8 through and through: a WAV or a gzip body is left to the embedded pass.
    if (!Buffer.from(text, 'utf8').equals(bytes)) return {};
    const redacted = this.textBody(text, type);
    return redacted === text ? {} : { body_base64: Buffer.from(redacted, 'utf8').toString('base64') };
  }

  /** A text body with its secrets and numbers replaced: as JSON when it parses, as a form when it is one. */
  private textBody(text: string, type: string | undefined): string {
    const trimmed = text.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      let parsed: JsonValue | undefined;
      try {
        parsed = JSON.parse(trimmed) as JsonValue;
      } catch {
        parsed = undefined;
      }
      if (parsed !== undefined) {
        const redacted = this.json(parsed, undefined);
        return isDeepStrictEqual(redacted, parsed) ? text : JSON.stringify(redacted);
      }
    }
    return type !== undefined && FORM_TYPE.test(type) ? this.form(text) : text;
  }

  /** A form body (`a=1&password=…`): each value under a credential's or a phone field's name replaced, the rest as it came. */
  private form(text: string): string {
    return text
      .split('&')
      .map((pair) => {
        const at = pair.indexOf('=');
        if (at < 0) return pair;
        const value = formDecode(pair.slice(at + 1));
        const kept = this.json(value, formDecode(pair.slice(0, at)));
        if (kept === value || typeof kept !== 'string') return pair;
        // Placeholders keep their `:` readable; a form parser takes it as it is.
        return `${pair.slice(0, at)}=${encodeURIComponent(kept).replace(/%3A/gi, ':')}`;
      })
      .join('&');
  }

  /** A text kept outside a recording line (a timed-out request's path), with every secret and number met so far replaced. */
  text(value: string): string {
    return this.replaceIn(value);
  }

  private headers(headers: RecordedHeaders): RecordedHeaders {
    const out: RecordedHeaders = {};
    for (const [name, value] of Object.entries(headers)) {
      const each = (v: string) => this.header(name, v);
      out[name] = Array.isArray(value) ? value.map(each) : each(value);
    }
    return out;
  }

  private header(name: string, value: string): string {
    switch (name) {
      case 'authorization':
      case 'proxy-authorization':
        return this.authorization(value);
      case 'cookie':
        return value
          .split(';')
          .map((pair) => this.cookiePair(pair))
          .join(';');
      case 'set-cookie': {
        const [pair = '', ...attributes] = value.split(';');
        return [this.cookiePair(pair), ...attributes].join(';');
      }
      case 'x-omni-signature': {
        const signed = /^([a-z0-9]+)=(.*)$/i.exec(value);
        return signed
          ? `${signed[1]}=${this.secret('signature', signed[2] as string)}`
          : this.secret('signature', value);
      }
      default:
        return isCredentialName(name) ? this.secret(kindOfName(name), value) : value;
    }
  }

  /** An `Authorization` value keeps its form: `Key=<placeholder>`, `Basic <placeholder>`. */
  private authorization(value: string): string {
    const key = /^Key=(.*)$/i.exec(value);
    if (key) return `Key=${this.secret('system-key', key[1] as string)}`;
    const scheme = /^([A-Za-z]+) (.+)$/.exec(value);
    if (scheme) return `${scheme[1]} ${this.secret('system-key', scheme[2] as string)}`;
    return this.secret('system-key', value);
  }

  private cookiePair(pair: string): string {
    const at = pair.indexOf('=');
    if (at < 0) return pair;
    const name = pair.slice(0, at).trim();
    const secret = isCredentialName(name) || SESSION_COOKIE.test(name.toLowerCase());
    return secret ? `${pair.slice(0, at)}=${this.secret(kindOfName(name), pair.slice(at + 1).trim())}` : pair;
  }

  private json(value: JsonValue, key: string | undefined): JsonValue {
    if (typeof value === 'string') {
      if (key !== undefined && isCredentialName(key)) {
        if (normalise(key).endsWith('authorization')) return this.authorization(value);
        const placeholder = this.secret(kindOfName(key), value);
        // Authorize's password is Base64 of the real one: the real one is a secret too.
        const plain = normalise(key).endsWith('password') ? decodedPassword(value) : undefined;
        if (plain !== undefined && !this.secrets.has(plain)) {
          this.secrets.set(plain, placeholder);
          this.stale = true;
        }
        return placeholder;
      }
      return key !== undefined && isPhoneField(key) ? this.number(value) : value;
    }
    if (Array.isArray(value)) return value.map((item) => this.json(item, key));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, JsonValue> = {};
      for (const [k, v] of Object.entries(value)) {
        // A secret that is not a string (a number, an object) still must not be kept.
        out[k] =
          isSecretField(k) && typeof v !== 'string' && v !== null
            ? this.secret(kindOf(k), JSON.stringify(v))
            : this.json(v, k);
      }
      return out;
    }
    return value;
  }

  private pattern(): RegExp | undefined {
    if (!this.stale) return this.embedded;
    const needles = [...this.secrets.keys(), ...this.numbers.keys()].filter((s) => s.length >= MIN_EMBEDDED_LENGTH);
    needles.sort((a, b) => b.length - a.length);
    this.embedded = needles.length
      ? new RegExp(needles.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g')
      : undefined;
    this.stale = false;
    return this.embedded;
  }

  private replaceIn(text: string): string {
    const pattern = this.pattern();
    if (!pattern) return text;
    return text.replace(pattern, (found) => this.secrets.get(found) ?? this.numbers.get(found) ?? found);
  }

  private embeddedPass(line: RecordingLine): RecordingLine {
    if (!this.pattern()) return line;
    const deep = (value: JsonValue): JsonValue => {
      if (typeof value === 'string') return this.replaceIn(value);
      if (Array.isArray(value)) return value.map(deep);
      if (value !== null && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deep(v)]));
      return value;
    };
    const headers = (h: RecordedHeaders): RecordedHeaders =>
      Object.fromEntries(
        Object.entries(h).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => this.replaceIn(x)) : this.replaceIn(v)]),
      );
    const binary = (base64: string | undefined): { body_base64?: string } => {
      if (base64 === undefined) return {};
      if (base64.length > (MAX_SCANNED_BINARY * 4) / 3) return { body_base64: base64 };
      const text = Buffer.from(base64, 'base64').toString('latin1');
      const replaced = this.replaceIn(text);
      return { body_base64: replaced === text ? base64 : Buffer.from(replaced, 'latin1').toString('base64') };
    };
    const { request, response } = line;
    return {
      ...line,
      request: {
        ...request,
        path: this.replaceIn(request.path),
        query: deep(request.query) as RecordingLine['request']['query'],
        headers: headers(request.headers),
        ...(request.body === undefined ? {} : { body: deep(request.body) }),
        ...binary(request.body_base64),
      },
      response: {
        ...response,
        headers: headers(response.headers),
        ...(response.body === undefined ? {} : { body: deep(response.body) }),
        ...binary(response.body_base64),
      },
    };
  }
}
