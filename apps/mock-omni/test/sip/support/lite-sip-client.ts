/**
 * A lightweight hand-rolled SIP-over-WebSocket phone for protocol-level tests and the bench (1,000 sip.js agents would
 * eat the cores the server is measured on). It does its own digest arithmetic — independent of the registrar's code —
 * re-uses a nonce with `nc` + 1 as RFC 2617 intends, answers INVITEs and re-INVITEs with fake SDP in WebRTC's shape
 * (`fakeAnswerSdp`, what a WebRTC extension accepts), and answers BYE.
 *
 * @module
 */

import { createHash, randomBytes } from 'node:crypto';
import { answerDirection, buildFakeWebrtcSdp, sdpDirection } from '@omnikit/contracts/sdp';
import { type ClientOptions, WebSocket } from 'ws';

export interface SipText {
  raw: string;
  startLine: string;
  /** Response status, or undefined for a request. */
  status: number | undefined;
  /** Request method (or the CSeq method of a response). */
  method: string;
  requestUri: string | undefined;
  header(name: string): string | undefined;
  headers(name: string): string[];
  body: string;
}

/** A medialess WebRTC answer (DTLS `active`, as a browser answering `actpass`) to `offer`, the `version`th of the session. */
export function fakeAnswerSdp(version: number, offer = ''): string {
  return buildFakeWebrtcSdp('1', version, answerDirection(sdpDirection(offer), false), 'active');
}

export function parseSipText(raw: string): SipText {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split + 4);
  const lines = head.split('\r\n');
  const startLine = lines[0] ?? '';
  const fields: [string, string][] = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  const headers = (name: string) => fields.filter(([n]) => n === name.toLowerCase()).map(([, v]) => v);
  const statusMatch = /^SIP\/2\.0 (\d{3}) /.exec(startLine);
  const cseqMethod = (headers('cseq')[0] ?? '').split(' ')[1] ?? '';
  return {
    raw,
    startLine,
    status: statusMatch ? Number(statusMatch[1]) : undefined,
    method: statusMatch ? cseqMethod : (startLine.split(' ')[0] ?? ''),
    requestUri: statusMatch ? undefined : startLine.split(' ')[1],
    header: (name) => headers(name)[0],
    headers,
    body,
  };
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const token = (bytes = 6) => randomBytes(bytes).toString('hex');

function challengeParams(header: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const match of header.replace(/^Digest\s+/i, '').matchAll(/([a-z]+)=(?:"([^"]*)"|([^,\s]+))/gi)) {
    params.set((match[1] ?? '').toLowerCase(), match[2] ?? match[3] ?? '');
  }
  return params;
}

export interface LiteRegisterOptions {
  extension: string;
  password: string;
  domain?: string;
  expires?: number;
  /** Extra header lines (e.g. a forged Authorization). */
  extraHeaders?: string[];
  /** Send this Contact value instead of the client's own (e.g. `*`). */
  contact?: string;
  /** Skip the cached credentials: start from an unauthenticated REGISTER. */
  fresh?: boolean;
}

export interface LiteRegisterResult {
  status: number;
  final: SipText;
  /** Every answer in order (401s included). */
  answers: SipText[];
}

export class LiteSipClient {
  readonly contactUser = `lite${token()}`;
  readonly viaHost = `${token()}.invalid`;
  readonly received: SipText[] = [];
  /** INVITEs (initial and re-INVITEs) received. */
  readonly invites: SipText[] = [];
  autoAnswer = true;
  private readonly callId = `${token(9)}@lite`;
  private cseq = 0;
  private auth: { nonce: string; realm: string; nc: number } | undefined;
  private readonly waiters: { predicate: (m: SipText) => boolean; resolve: (m: SipText) => void }[] = [];
  private readonly dialogs = new Map<string, string>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.onFrame(data.toString()));
  }

  static connect(url: string, protocols: string[] = ['sip'], options: ClientOptions = {}): Promise<LiteSipClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, protocols, options);
      socket.once('open', () => resolve(new LiteSipClient(socket)));
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) => reject(new Error(`handshake refused: ${res.statusCode}`)));
    });
  }

  get contactUri(): string {
    return `sip:${this.contactUser}@${this.viaHost};transport=ws`;
  }

  send(text: string): void {
    this.socket.send(text);
  }

  /** The next message (already received or coming) matching `predicate`. */
  next(predicate: (message: SipText) => boolean = () => true, timeoutMs = 5_000): Promise<SipText> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching SIP message')), timeoutMs);
      this.waiters.push({
        predicate,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
      });
    });
  }

  /** Sends raw text and waits for the answer to it (matched by CSeq). */
  async request(text: string): Promise<SipText> {
    const cseq = /^CSeq:\s*(.+)$/im.exec(text)?.[1]?.trim();
    const answer = this.next((m) => m.status !== undefined && m.status >= 200 && m.header('cseq') === cseq);
    this.send(text);
    return answer;
  }

  registerText(options: LiteRegisterOptions, authorization?: string): string {
    const domain = options.domain ?? 'omni.mock';
    this.cseq += 1;
    const lines = [
      `REGISTER sip:${domain} SIP/2.0`,
      `Via: SIP/2.0/WS ${this.viaHost};branch=z9hG4bK${token()}`,
      'Max-Forwards: 70',
      `To: <sip:${options.extension}@${domain}>`,
      `From: <sip:${options.extension}@${domain}>;tag=${token()}`,
      `Call-ID: ${this.callId}`,
      `CSeq: ${this.cseq} REGISTER`,
      `Contact: ${options.contact ?? `<${this.contactUri}>;expires=${options.expires ?? 600}`}`,
      `Expires: ${options.expires ?? 600}`,
      'User-Agent: lite-sip-client',
      ...(authorization ? [`Authorization: ${authorization}`] : []),
      ...(options.extraHeaders ?? []),
      'Content-Length: 0',
      '',
      '',
    ];
    return lines.join('\r\n');
  }

  authorization(options: LiteRegisterOptions): string | undefined {
    if (!this.auth) return undefined;
    const domain = options.domain ?? 'omni.mock';
    this.auth.nc += 1;
    const nc = this.auth.nc.toString(16).padStart(8, '0');
    const cnonce = token();
    const uri = `sip:${domain}`;
    const ha1 = md5(`${options.extension}:${this.auth.realm}:${options.password}`);
    const ha2 = md5(`REGISTER:${uri}`);
    const response = md5(`${ha1}:${this.auth.nonce}:${nc}:${cnonce}:auth:${ha2}`);
    return (
      `Digest algorithm=MD5, username="${options.extension}", realm="${this.auth.realm}", ` +
      `nonce="${this.auth.nonce}", uri="${uri}", response="${response}", qop=auth, cnonce="${cnonce}", nc=${nc}`
    );
  }

  /** REGISTER with the digest dance: re-uses the last nonce (nc + 1), answers up to two challenges. */
  async register(options: LiteRegisterOptions): Promise<LiteRegisterResult> {
    if (options.fresh) this.auth = undefined;
    const answers: SipText[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const answer = await this.request(this.registerText(options, this.authorization(options)));
      answers.push(answer);
      if (answer.status !== 401) return { status: answer.status ?? 0, final: answer, answers };
      const challenge = challengeParams(answer.header('www-authenticate') ?? '');
      this.auth = { nonce: challenge.get('nonce') ?? '', realm: challenge.get('realm') ?? '', nc: 0 };
    }
    const last = answers[answers.length - 1]!;
    return { status: last.status ?? 0, final: last, answers };
  }

  /** Hangs up an answered call from this side. */
  bye(invite: SipText): Promise<SipText> {
    const callId = invite.header('call-id') ?? '';
    const localTag = this.dialogs.get(callId) ?? token();
    const remoteContact = /<([^>]+)>/.exec(invite.header('contact') ?? '')?.[1] ?? '';
    const text = [
      `BYE ${remoteContact} SIP/2.0`,
      `Via: SIP/2.0/WS ${this.viaHost};branch=z9hG4bK${token()}`,
      'Max-Forwards: 70',
      `From: ${invite.header('to')};tag=${localTag}`,
      `To: ${invite.header('from')}`,
      `Call-ID: ${callId}`,
      'CSeq: 1 BYE',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    return this.request(text);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.readyState === WebSocket.CLOSED) return resolve();
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }

  private onFrame(raw: string): void {
    if (/^(\r\n)+$/.test(raw)) {
      this.deliver({ ...parseSipText(''), raw, startLine: raw });
      return;
    }
    const message = parseSipText(raw);
    this.received.push(message);
    if (message.status === undefined) this.answerRequest(message);
    this.deliver(message);
  }

  private deliver(message: SipText): void {
    const index = this.waiters.findIndex((w) => w.predicate(message));
    if (index < 0) return;
    const [waiter] = this.waiters.splice(index, 1);
    waiter?.resolve(message);
  }

  private answerRequest(request: SipText): void {
    if (request.method === 'ACK') return;
    if (request.method === 'INVITE') {
      this.invites.push(request);
      if (!this.autoAnswer) return;
      const sdp = fakeAnswerSdp(this.invites.length, request.body);
      this.send(this.response(request, 200, 'OK', ['Content-Type: application/sdp'], sdp));
      return;
    }
    this.send(this.response(request, 200, 'OK'));
  }

  /** A response to `request` (To tag kept per dialog, Contact included). */
  response(request: SipText, status: number, reason: string, extra: string[] = [], body = ''): string {
    const callId = request.header('call-id') ?? '';
    const to = request.header('to') ?? '';
    let tag = this.dialogs.get(callId);
    if (!tag) {
      tag = token();
      this.dialogs.set(callId, tag);
    }
    const lines = [
      `SIP/2.0 ${status} ${reason}`,
      ...request.headers('via').map((v) => `Via: ${v}`),
      `From: ${request.header('from')}`,
      `To: ${/;tag=/.test(to) ? to : `${to};tag=${tag}`}`,
      `Call-ID: ${callId}`,
      `CSeq: ${request.header('cseq')}`,
      `Contact: <${this.contactUri}>`,
      ...extra,
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ];
    return lines.join('\r\n');
  }
}
