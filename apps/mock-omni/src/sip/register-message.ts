/**
 * A REGISTER read by hand, and the registrar's answers to it. sip.js's parser runs its grammar on every
 * well-known header of a message (about 0.15 ms each: the grammar decodes its tables on every call), which
 * makes a REGISTER cost 1–2 ms of CPU before the registrar looks at it; with 10,000 phones refreshing
 * that is most of a core. A REGISTER needs only a few header values as text, so they are split out here
 * and the registrar parses the one structured header it needs, Contact, only when it changed.
 *
 * @module
 */

import { randomBytes } from 'node:crypto';

export interface RegisterMessage {
  /** The Request-URI exactly as written on the request line (the digest `uri` must repeat it). */
  requestUri: string;
  /** Every Via value in order, as received (echoed in the answer). */
  via: string[];
  from: string;
  to: string;
  /** The To URI (the address of record), without the header's parameters. */
  aor: string;
  /** The user part of the To URI: the extension. */
  toUser: string | undefined;
  toTagged: boolean;
  callId: string;
  cseq: number;
  /** The CSeq's method as written (a REGISTER must name REGISTER: RFC 3261 §8.1.1.5). */
  cseqMethod: string;
  /** The Contact values joined by `, `; undefined when there is none (a query) or only `*`. */
  contact: string | undefined;
  /** `Contact: *` (un-register every binding). */
  wildcard: boolean;
  /** How many Contact values the request lists (`*` included): `*` must stand alone (§10.3 step 6). */
  contactCount: number;
  expires: string | undefined;
  /** Every Authorization value in order: a request may carry credentials for several realms (§22.3). */
  authorizations: string[];
  /** The option tags of every Require header. */
  require: string[];
  userAgent: string | undefined;
}

/** Compact header forms (RFC 3261 §7.3.3) of the headers a REGISTER needs. */
const COMPACT: Record<string, string> = { v: 'via', f: 'from', t: 'to', i: 'call-id', m: 'contact' };
const REQUEST_LINE = /^REGISTER ([^ ]+) SIP\/2\.0$/;
const CSEQ = /^([0-9]{1,10})[ \t]+([^ \t]+)$/;
const SIP_URI = /^sips?:/i;
const TO_USER = /^sips?:([^@;?]+)@/i;

/** Splits a header value on the commas that separate values (not those in quotes or angle brackets). */
function splitValues(value: string): string[] {
  const values: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === '"') quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === '<') depth++;
    else if (ch === '>') depth--;
    else if (ch === ',' && depth === 0) {
      values.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  values.push(value.slice(start).trim());
  return values.filter((v) => v !== '');
}

/** A name-addr or addr-spec's URI (`"Name" <sip:…>;tag=x` or `sip:…;tag=x`) and whether it carries a tag. */
function addressOf(value: string): { uri: string; tagged: boolean } | undefined {
  const open = value.indexOf('<');
  let uri: string;
  let params: string;
  if (open >= 0) {
    const close = value.indexOf('>', open);
    if (close < 0) return undefined;
    uri = value.slice(open + 1, close).trim();
    params = value.slice(close + 1);
  } else {
    const semi = value.indexOf(';');
    uri = (semi < 0 ? value : value.slice(0, semi)).trim();
    params = semi < 0 ? '' : value.slice(semi);
  }
  if (!SIP_URI.test(uri)) return undefined;
  return { uri, tagged: /;[ \t]*tag[ \t]*=/i.test(params) };
}

/**
 * Reads a REGISTER (a frame starting `REGISTER `). A reason string when it is not a well-formed one: a
 * missing mandatory header, a malformed request line, CSeq, From or To.
 */
export function parseRegisterMessage(text: string): RegisterMessage | string {
  const headEnd = text.indexOf('\r\n\r\n');
  // Folded lines (a line starting with white space continues the previous one) are unfolded first.
  const head = (headEnd < 0 ? text : text.slice(0, headEnd)).replace(/\r\n[ \t]+/g, ' ');
  const lines = head.split('\r\n');
  const requestLine = REQUEST_LINE.exec(lines[0] ?? '');
  if (!requestLine?.[1]) return 'malformed request line';
  const headers = new Map<string, string[]>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return `malformed header line "${line.slice(0, 40)}"`;
    const raw = line.slice(0, colon).trim().toLowerCase();
    const name = COMPACT[raw] ?? raw;
    const value = line.slice(colon + 1).trim();
    const list = headers.get(name);
    if (list) list.push(value);
    else headers.set(name, [value]);
  }
  const one = (name: string) => headers.get(name)?.[0];
  const from = one('from');
  const to = one('to');
  const callId = one('call-id');
  const cseqText = one('cseq');
  const via = headers.get('via');
  if (!from || !to || !callId || !cseqText || !via) return 'a mandatory header is missing';
  const cseq = CSEQ.exec(cseqText);
  if (!cseq?.[1] || !cseq[2]) return 'malformed CSeq';
  if (!addressOf(from)) return 'malformed From';
  const toAddress = addressOf(to);
  if (!toAddress) return 'malformed To';
  const contacts = (headers.get('contact') ?? []).flatMap(splitValues);
  const wildcard = contacts.includes('*');
  return {
    requestUri: requestLine[1],
    via,
    from,
    to,
    aor: toAddress.uri,
    toUser: TO_USER.exec(toAddress.uri)?.[1],
    toTagged: toAddress.tagged,
    callId,
    cseq: Number(cseq[1]),
    cseqMethod: cseq[2],
    contact: wildcard || contacts.length === 0 ? undefined : contacts.join(', '),
    wildcard,
    contactCount: contacts.length,
    expires: one('expires'),
    authorizations: headers.get('authorization') ?? [],
    require: (headers.get('require') ?? []).flatMap(splitValues),
    userAgent: one('user-agent'),
  };
}

/**
 * The registrar's answer to `request` (RFC 3261 §8.2.6.2): Via, From, Call-ID and CSeq repeated, a tag
 * added to To when it had none.
 */
export function answerRegister(
  request: RegisterMessage,
  statusCode: number,
  reasonPhrase: string,
  extraHeaders: readonly string[] = [],
): string {
  let text = `SIP/2.0 ${statusCode} ${reasonPhrase}\r\n`;
  for (const via of request.via) text += `Via: ${via}\r\n`;
  text += `From: ${request.from}\r\n`;
  text += `To: ${request.to}${request.toTagged ? '' : `;tag=${randomBytes(5).toString('hex')}`}\r\n`;
  text += `Call-ID: ${request.callId}\r\nCSeq: ${request.cseq} ${request.cseqMethod}\r\n`;
  for (const header of extraHeaders) text += `${header}\r\n`;
  return `${text}Content-Length: 0\r\n\r\n`;
}
