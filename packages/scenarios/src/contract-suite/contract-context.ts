/**
 * What the contract checks share while they run (the target system, one agent's session and phone,
 * the webhook inbox, raw requests), and how a check says the target differs or cannot be asked.
 *
 * @module
 */

import type { AgentResources, OmniClient, OmniPhone, SessionResources } from '@omnikit/sdk';
import type { Inbox } from '../runner/webhook-inbox.js';
import type { TargetSystem } from '../target/target.js';

/** A check's finding that the target does not behave as documented: `how` says in what. */
export class Differs extends Error {
  constructor(readonly how: string) {
    super(how);
    this.name = 'Differs';
  }
}

/** A check that cannot run on this target (the control API, test numbers…). */
export class NotRun extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'NotRun';
  }
}

export interface RawAnswer {
  status: number;
  body: unknown;
}

/** What the contract checks share: the target, one agent's session and phone, the webhook inbox. */
export interface ContractContext {
  system: TargetSystem;
  client: OmniClient;
  agent: AgentResources;
  directory: SessionResources;
  userId: number;
  userName: string;
  password: string;
  extension: string;
  token: string;
  inbox: Inbox;
  /** A request as written (no sdk checks): the system key and token unless told otherwise. */
  raw(
    method: string,
    path: string,
    opts?: { body?: unknown; systemKey?: string | null; token?: boolean; query?: Record<string, string> },
  ): Promise<RawAnswer>;
  /** The i-th safe number, or a NotRun. */
  testNumber(i: number): string;
  /** A Click-2-Dial campaign the suite made, and whether the agent is logged in to it. */
  campaignId: number;
  listId: number;
  phone: OmniPhone | undefined;
  loggedIn: boolean;
  /** Registers the agent's phone (virtual on the mock, SIP elsewhere) and logs in to `campaignId`. */
  login(campaignId?: number): Promise<void>;
  /** Moves time: the mock's manual clock, or a wall-clock wait. */
  advance(ms: number): Promise<void>;
  /**
   * Authorizes the suite's session again, after a check authorized the same user itself: an Omni may
   * revoke a user's older tokens at a new authorize (B.3 is inferred; `--vary tokens=revoke-older`).
   */
  renewToken(): Promise<void>;
  /** Leads the suite added (archive checks use only these). */
  leadIds: number[];
}

export const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
export const isDateTime = (v: unknown): boolean => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** Throws Differs listing every field of `obj` whose type is not the documented one. */
export function expectFields(
  what: string,
  obj: unknown,
  fields: Record<string, 'int' | 'string' | 'boolean' | 'date-time'>,
) {
  if (!obj || typeof obj !== 'object') throw new Differs(`${what} is not an object: ${JSON.stringify(obj)}`);
  const bad: string[] = [];
  for (const [name, type] of Object.entries(fields)) {
    const v = (obj as Record<string, unknown>)[name];
    const ok =
      type === 'int'
        ? isInt(v)
        : type === 'date-time'
          ? isDateTime(v)
          : type === 'string'
            ? typeof v === 'string'
            : typeof v === 'boolean';
    if (!ok) bad.push(`${name} should be ${type === 'int' ? 'an integer' : `a ${type}`}, got ${JSON.stringify(v)}`);
  }
  if (bad.length > 0) throw new Differs(`${what}: ${bad.join('; ')}`);
}
