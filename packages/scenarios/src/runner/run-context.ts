/**
 * What a running scenario holds (its target system, agents, the names it gave, its inbox) and the
 * lookups steps make in it, each failing with a message that names what is missing.
 *
 * @module
 */

import type { AgentResources, ApiError, OmniClient, OmniPhone, SessionResources } from '@omnikit/sdk';
import type { Scenario } from '../dsl/scenario-schema.js';
import type { TargetSystem } from '../target/target.js';
import { resolveNumber } from './requirements.js';
import type { ScenarioFault } from './scenario-fault.js';
import type { Inbox } from './webhook-inbox.js';

/** One agent of a run: its credentials, its client (counting authorizes), its session and phone. */
export interface AgentRun {
  alias: string;
  userId: number;
  extension: string;
  phoneKind: 'virtual' | 'sip';
  authorizations: number;
  api: AgentResources | undefined;
  client: OmniClient;
  credentials: { userName: string; password: string; webrtcPassword: string };
  phone: OmniPhone | undefined;
  virtualRegistered: boolean;
  /** Joined a messaging campaign: the cleanup leaves it. */
  joinedMessaging: boolean;
}

/** What became of a `send` step: the message sent, or (a step that may fail) Omni's refusal. */
export type SendOutcome = { sent: true; message_id: number; agent: string } | { sent: false; error: ApiError };

/** What a running scenario has: the target system, its agents, the names it gave, its inbox. */
export interface RunContext {
  scenario: Scenario;
  system: TargetSystem;
  inbox: Inbox;
  agents: Map<string, AgentRun>;
  /** Names → ids (calls, leads, shotguns, campaigns, lists). */
  refs: Map<string, number>;
  /** Names given to calls (cleanup hangs them up). */
  callNames: Set<string>;
  /** Lead names → the number to dial. */
  leadPhones: Map<string, string>;
  /** Directory routes (campaigns, leads…) as the first agent. */
  directory: SessionResources;
  /** The mock's virtual now (epoch ms); the wall clock elsewhere. */
  now(): number;
  /** Omni's time zone for date-times without one (`TargetSystem.timeZone`); undefined: not known. */
  timeZone: string | undefined;
  faults: readonly ScenarioFault[];
  notes: string[];
  /** How long to wait for something asynchronous (a delivery) before calling it missing. */
  settleMs: number;
  /** Each `send` step's outcome, by the name it gave the message. */
  sends: Map<string, SendOutcome>;
}

export function agentOf(ctx: RunContext, alias: string): AgentRun {
  const a = ctx.agents.get(alias);
  if (!a) throw new Error(`no agent "${alias}"`);
  return a;
}

export function apiOf(ctx: RunContext, alias: string): AgentResources {
  const a = agentOf(ctx, alias);
  if (!a.api) throw new Error(`agent "${alias}" has not authorized (add an authorize step first)`);
  return a.api;
}

export function ref(ctx: RunContext, name: string): number {
  const id = ctx.refs.get(name);
  if (id === undefined) throw new Error(`"${name}" names nothing this run made`);
  return id;
}

export function numberOf(ctx: RunContext, n: Parameters<typeof resolveNumber>[0]): string {
  const r = resolveNumber(n, ctx.system);
  if ('blocked' in r) throw new Error(r.blocked);
  return r.number;
}
