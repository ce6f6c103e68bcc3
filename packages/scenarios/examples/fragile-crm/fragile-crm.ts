/**
 * A deliberately fragile CRM integration — the kind a team writes against one Omni and finds broken against
 * another. It talks raw HTTP (no sdk) and assumes, where TForge's wiki is silent, exactly what this project's mock
 * answers by default:
 * - a refused request is a 4xx whose body has an `error_code`, and it tells the agent what went wrong from that
 *   code (`errors=ok-false` and `errors=status-only` break it);
 * - a date is ISO-8601 with `Z`; nothing else parses (`dates=vicidial`, `dates=iso-offset`);
 * - it authorizes the agent once and keeps the token until `expiry_date` (`tokens=revoke-older`: the agent's own
 *   console signing in revokes it);
 * - notifications come once each, in order: it follows a call's states as a state machine, logs each
 *   notification as a new activity on the customer's record, and ties an agent going `on_call` (a notification
 *   without a call id) to the call it last saw initiated (`notifications=twice`, `notifications=swapped`).
 *
 * It does not mind ids as strings (it keeps them as text), unknown fields, unsigned notifications (it sets no
 * secret), a 15-minute token (a call is shorter), or a notification never retried (its receiver is always up).
 * `fragile-crm.scenario.ts` tries it; the scenarios README shows the matrix that finds these assumptions.
 *
 * @module
 */

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where Omni is, as the CRM's settings have it. */
export interface OmniSettings {
  baseUrl: string;
  systemKey: string;
}

/** The CRM's record of one call, keyed by Omni's call id. */
export interface CallRecord {
  callId: string;
  state: string | undefined;
  startedAt: Date | undefined;
  outcome: string | undefined;
  talkSeconds: number | undefined;
  /** Activities logged on the customer's record: one per notification received. */
  activities: number;
}

/** The only form the CRM reads a date in: ISO-8601 UTC with `Z`. */
const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

function parseDate(field: string, value: unknown): Date {
  if (typeof value !== 'string' || !ISO_Z.test(value))
    throw new Error(`${field} ${JSON.stringify(value)} is not a date (the CRM reads ISO-8601 with Z only)`);
  return new Date(value);
}

/** What the CRM shows the agent for each error code it knows. */
const MESSAGES: Record<string, string> = {
  AGENT_NOT_LOGGED_IN: 'Log in to Omni first',
  INVALID_TOKEN: 'Your Omni session has ended',
};

/** Omni refused a request: the CRM's message for the agent, from the answer's `error_code`. */
export class OmniRefused extends Error {
  override readonly name = 'OmniRefused';
  constructor(
    readonly status: number,
    readonly errorCode: unknown,
  ) {
    super(
      `Omni answered ${status} ${String(errorCode)}: ${MESSAGES[String(errorCode)] ?? `Omni error ${String(errorCode)}`}`,
    );
  }
  /** What the agent sees. */
  get shown(): string {
    return MESSAGES[String(this.errorCode)] ?? `Omni error ${String(this.errorCode)}`;
  }
}

/** The CRM: its Omni client (raw HTTP), its webhook receiver, its records. */
export class FragileCrm {
  readonly calls = new Map<string, CallRecord>();
  /** What went wrong handling notifications (the receiver still answered 200). */
  readonly problems: string[] = [];
  private server: Server | undefined;
  /** The call last seen `initiated`: the one an agent going `on_call` is taken to be on. */
  private lastInitiated: string | undefined;
  /** Which call each agent (user id) is on, as the CRM worked it out. */
  readonly agentOn = new Map<string, string>();
  private token: string | undefined;
  private userId: string | undefined;

  constructor(private readonly omni: OmniSettings) {}

  /** Starts the webhook receiver on 127.0.0.1; answers its URL, to set as Omni's notification endpoint. */
  async start(): Promise<string> {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        try {
          this.receive(JSON.parse(body) as { type: string; payload: Record<string, unknown> });
        } catch (error) {
          this.problems.push((error as Error).message);
        }
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/omni-events`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async send(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const headers: Record<string, string> = { authorization: `Key=${this.omni.systemKey}` };
    if (this.token) headers.tokenKey = this.token;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.omni.baseUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const answer = (await res.json()) as Record<string, unknown>;
    // The assumption: a refusal is a 4xx, and its body says why in error_code.
    if (!res.ok) throw new OmniRefused(res.status, answer.error_code);
    return answer;
  }

  /** Authorizes the agent once; the token is kept until its expiry date, never renewed before. */
  async signIn(userName: string, password: string): Promise<void> {
    const answer = await this.send('POST', '/omni/user/authorize', {
      user_name: userName,
      password: Buffer.from(password, 'ascii').toString('base64'),
    });
    parseDate('expiry_date', answer.expiry_date);
    this.token = String(answer.token_key);
    this.userId = String(answer.user_id);
  }

  /** Click-2-Dial from the customer's page: the call's id, or what the CRM shows when Omni refuses. */
  async dial(phoneNumber: string): Promise<{ callId: string } | { shown: string }> {
    try {
      const answer = await this.send('POST', `/omni/voice/${this.userId}/call`, { phone_number: phoneNumber });
      const callId = String(answer.call_id);
      const record = this.record(callId);
      record.startedAt = parseDate('call_start_time', answer.call_start_time);
      return { callId };
    } catch (error) {
      if (error instanceof OmniRefused && error.errorCode !== 'INVALID_TOKEN') return { shown: error.shown };
      throw error;
    }
  }

  private record(callId: string): CallRecord {
    let r = this.calls.get(callId);
    if (!r) {
      r = { callId, state: undefined, startedAt: undefined, outcome: undefined, talkSeconds: undefined, activities: 0 };
      this.calls.set(callId, r);
    }
    return r;
  }

  /** A notification: each one is a new activity; a call's states are followed in the order they come. */
  private receive(n: { type: string; payload: Record<string, unknown> }): void {
    if (n.type === 'agent_state' && n.payload.agent_state === 'on_call') {
      // An agent_state carries no call id: the agent is on the call that was initiated just before.
      const user = String(n.payload.user_id);
      if (this.lastInitiated === undefined) throw new Error(`agent ${user} went on_call before any call was initiated`);
      this.agentOn.set(user, this.lastInitiated);
      return;
    }
    if (n.type !== 'call_state' && n.type !== 'cdr') return;
    const record = this.record(String(n.payload.call_id));
    record.activities++;
    if (n.type === 'call_state') {
      const previous = String(n.payload.previous_state);
      if (record.state !== undefined && previous !== record.state)
        throw new Error(
          `call ${record.callId}: ${String(n.payload.call_state)} (from ${previous}) came while the CRM had it ${record.state}`,
        );
      parseDate('timestamp', n.payload.timestamp);
      record.state = String(n.payload.call_state);
      if (record.state === 'initiated') this.lastInitiated = record.callId;
      return;
    }
    if (record.state !== 'ended')
      throw new Error(`call ${record.callId}: its CDR came while the CRM had it ${record.state}`);
    parseDate('start_date_time', n.payload.start_date_time);
    record.outcome = String(n.payload.dispostion_code);
    record.talkSeconds = Math.round(Number(n.payload.talk_time) / 1000);
  }
}
