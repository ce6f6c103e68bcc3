/**
 * Agents and campaign login (B.4). An agent's states:
 *
 * - `logged_out` — no campaign. Login needs the agent's own extension registered (a SIP phone or a
 *   virtual one); it places the bridge call to that phone and puts the agent in `paused`.
 * - `paused` ⇄ `ready` — logged in and free; `paused` may carry one of the campaign's pause codes.
 *   A call may start from either (click-2-dial, shotgun) and the agent goes `on_call` at once.
 * - `on_call` — on a call (from the dial, before any answer); the call machine moves it on.
 * - `wrap_up` — the agent's part of the call has ended; it lasts until dispose or the campaign's
 *   wrap-up timeout, then the agent goes back to the state it had before the call (paused, with
 *   its pause code, or ready) — or to `logged_out` when its phone dropped during the call.
 *
 * Logout is refused while `on_call` or in `wrap_up` (finish the call first); setting the state is refused then too,
 * and answers AGENT_NOT_LOGGED_IN when logged out. Every change sends an `agent_state` notification; changes a call
 * caused keep their place among that call's notifications (keyed by its id), the others are independent.
 *
 * @module
 */

import type { AgentState, LoginBody, StateBody } from '@omnikit/contracts';
import { type CallCampaign, callCampaign } from '../calls/call-campaign.js';
import { DomainError } from '../domain-error.js';
import { buildAgentStatePayload, notificationEnvelope } from '../notifications/notification-payloads.js';
import type { NotificationSink } from '../notifications/notification-sink.js';
import type { CampaignStore } from '../ports.js';
import type { SystemContext } from '../systems/system-context.js';
import type { AgentRecord, AgentStore } from './agent-store.js';
import type { PhoneKind, PhoneService } from './phone-service.js';

/** The agent commands of B.4: campaign login and logout, and the agent's state. */
export class AgentService {
  /** Agents whose SIP phone is ringing with its bridge call (`<system id>:<user id>`). */
  private readonly ringing = new Set<string>();

  constructor(
    private readonly deps: {
      agents: AgentStore;
      campaigns: Pick<CampaignStore, 'get'>;
      phones: PhoneService;
      notifications: NotificationSink;
      /** Told of every state change, after it is saved (the dialler paces on it). */
      onStateChange?: (sys: SystemContext, agent: AgentRecord, at: number) => void;
    },
  ) {}

  get(sys: SystemContext, userId: number): AgentRecord {
    const agent = this.deps.agents.get(sys.systemId, userId);
    if (!agent) throw DomainError.notFound('user_id', 'user', userId);
    return agent;
  }

  findByExtension(sys: SystemContext, extension: string): AgentRecord | undefined {
    return this.deps.agents.findByExtension(sys.systemId, extension);
  }

  campaign(sys: SystemContext, campaignId: number): CallCampaign {
    const c = this.deps.campaigns.get(sys.systemId, campaignId);
    if (!c) throw DomainError.notFound('campaign_id', 'campaign', campaignId);
    return callCampaign(c);
  }

  /**
   * Checks a campaign login without changing anything and says which phone the agent would use.
   * A SIP phone must answer its bridge call first (wall clock, outside any transaction): the
   * caller reserves the agent with {@link reservePhoneLogin}, awaits the phone, then calls
   * {@link login} in a transaction of its own.
   */
  checkLogin(sys: SystemContext, userId: number, body: LoginBody, opts: { bridged?: boolean } = {}): PhoneKind {
    const agent = this.get(sys, userId);
    this.campaign(sys, body.campaign_id);
    if (body.extension !== agent.extension) {
      throw new DomainError(
        'EXTENSION_NOT_REGISTERED',
        `extension ${body.extension} is not user ${userId}'s (user ${userId} has extension ${agent.extension})`,
        [{ field: 'extension', message: `is not user ${userId}'s extension` }],
      );
    }
    const kind = this.deps.phones.kindOf(sys.systemId, body.extension);
    if (!kind) {
      throw new DomainError(
        'EXTENSION_NOT_REGISTERED',
        `extension ${body.extension} is not registered: register its phone over WebRTC (or a virtual one with POST /__mock/phones/${body.extension}/register) before campaign login`,
        [{ field: 'extension', message: 'is not registered' }],
      );
    }
    if (agent.state !== 'logged_out') {
      throw DomainError.invalidState(
        `agent ${userId} is already logged in to campaign ${agent.campaignId} (agent_state ${agent.state}): log out first`,
      );
    }
    if (opts.bridged !== true && this.ringing.has(`${sys.systemId}:${userId}`)) {
      throw DomainError.invalidState(
        `agent ${userId} is already logging in: its phone (extension ${agent.extension}) has not answered its bridge call yet`,
      );
    }
    return kind;
  }

  /**
   * Marks the agent as logging in while its SIP phone rings, so that a second login is refused;
   * the returned function releases it (after the login committed or failed).
   */
  reservePhoneLogin(sys: SystemContext, userId: number): () => void {
    const key = `${sys.systemId}:${userId}`;
    this.ringing.add(key);
    return () => this.ringing.delete(key);
  }

  /**
   * Logs the agent in (paused). For a SIP phone, call it once the phone has answered its bridge
   * call; a virtual phone answers at virtual t+0, so its login completes at once.
   */
  login(sys: SystemContext, userId: number, body: LoginBody, opts: { bridged?: boolean } = {}): string {
    const kind = this.checkLogin(sys, userId, body, opts);
    if (kind === 'sip' && opts.bridged !== true) {
      throw DomainError.invalidState(
        `extension ${body.extension} is a SIP phone: the login must wait for it to answer its bridge call`,
      );
    }
    const agent = this.get(sys, userId);
    const campaign = this.campaign(sys, body.campaign_id);
    const at = sys.clock.now();
    this.change(
      sys,
      agent,
      {
        state: 'paused',
        campaignId: campaign.campaignId,
        callId: 0,
        pauseCode: '',
        resumeState: 'paused',
        bridgeId: `${kind}:${body.extension}:${at}`,
        loggedInAt: at,
      },
      'login',
      null,
      at,
    );
    const motd = campaign.messageOfTheDay ? `; message of the day: ${campaign.messageOfTheDay}` : '';
    return `agent ${userId} logged in to campaign ${campaign.campaignId} (${campaign.name}) on extension ${body.extension}, paused${motd}`;
  }

  logout(sys: SystemContext, userId: number): string {
    const agent = this.get(sys, userId);
    if (agent.state === 'logged_out') return `agent ${userId} is not logged in: nothing to do`;
    if (agent.state === 'on_call' || agent.state === 'wrap_up') {
      throw DomainError.invalidState(
        `agent ${userId} is ${agent.state} (call ${agent.callId}): hang up and dispose the call before logging out`,
      );
    }
    this.logOut(sys, agent, 'logout', null, sys.clock.now());
    return `agent ${userId} logged out of campaign ${agent.campaignId}`;
  }

  setState(sys: SystemContext, userId: number, body: StateBody): string {
    const agent = this.get(sys, userId);
    if (agent.state === 'logged_out') {
      throw new DomainError('AGENT_NOT_LOGGED_IN', `agent ${userId} is not logged in to a campaign: log in first`);
    }
    if (agent.state === 'on_call' || agent.state === 'wrap_up') {
      throw DomainError.invalidState(
        `agent ${userId} is ${agent.state} (call ${agent.callId}): the state can be set once the call is disposed`,
      );
    }
    if (body.state === 'ready' && body.pause_code !== undefined) {
      throw DomainError.validation('pause_code', 'is only given with state paused');
    }
    const campaign = this.campaign(sys, agent.campaignId);
    const code = body.state === 'paused' ? (body.pause_code ?? '') : '';
    if (code !== '' && !campaign.pauseCodes.includes(code)) {
      throw DomainError.validation(
        'pause_code',
        `must be one of campaign ${campaign.campaignId}'s pause codes (${campaign.pauseCodes.join(', ') || 'none'})`,
      );
    }
    if (agent.state === body.state && agent.pauseCode === code) return `agent ${userId} is already ${body.state}`;
    this.change(
      sys,
      agent,
      { state: body.state, pauseCode: code, resumeState: body.state },
      'api',
      null,
      sys.clock.now(),
    );
    return `agent ${userId} is ${body.state}${code ? ` (${code})` : ''}`;
  }

  /** The agent may start a call now (B.4): logged in and paused or ready. */
  requireCallable(sys: SystemContext, userId: number): AgentRecord {
    const agent = this.get(sys, userId);
    if (agent.state === 'logged_out') {
      throw new DomainError(
        'AGENT_NOT_LOGGED_IN',
        `agent ${userId} is not logged in to a campaign: log in before calling`,
      );
    }
    if (agent.state !== 'paused' && agent.state !== 'ready') {
      throw DomainError.invalidState(
        `agent ${userId} is ${agent.state} (call ${agent.callId}): a call can start when the agent is paused or ready`,
      );
    }
    return agent;
  }

  /**
   * The call machine's `agent_state` effect for call `callId`. A change that no longer fits the
   * agent (it moved on to another call) is ignored.
   */
  onCallEffect(
    sys: SystemContext,
    userId: number,
    callId: number,
    to: 'on_call' | 'wrap_up' | 'released',
    reason: string,
    at: number,
  ): void {
    const agent = this.deps.agents.get(sys.systemId, userId);
    if (!agent) return;
    if (to === 'on_call') {
      if (agent.state !== 'paused' && agent.state !== 'ready') return;
      this.change(sys, agent, { state: 'on_call', callId, resumeState: agent.state }, reason, callId, at);
      return;
    }
    if (agent.callId !== callId) return;
    if (to === 'wrap_up') {
      if (agent.state === 'on_call') this.change(sys, agent, { state: 'wrap_up' }, reason, callId, at);
      return;
    }
    if (agent.state !== 'wrap_up') return;
    if (agent.resumeState === 'logged_out') this.logOut(sys, agent, 'phone_dropped', callId, at);
    else this.change(sys, agent, { state: agent.resumeState, callId: 0 }, reason, callId, at);
  }

  /**
   * A shotgun race the agent was on ended lost or cancelled: no call is left, so the agent goes back
   * to the state it had before the race (paused with its code, or ready). Like every change it is
   * told on (the dialler counts a ready agent again and may put a call through at once). An agent
   * whose phone dropped during the race goes `paused` here; true then: the caller logs it out.
   */
  raceEnded(sys: SystemContext, userId: number, reason: string, at: number): boolean {
    const agent = this.deps.agents.get(sys.systemId, userId);
    if (agent?.state !== 'on_call') return false;
    const dropped = agent.resumeState === 'logged_out';
    const to: AgentState = dropped ? 'paused' : agent.resumeState;
    this.change(
      sys,
      agent,
      { state: to, callId: 0, resumeState: to === 'ready' ? 'ready' : 'paused' },
      reason,
      agent.callId || null,
      at,
    );
    return dropped;
  }

  /**
   * The agent's phone went away (unregistered, connection lost). A free agent is logged out now;
   * one in wrap-up when it ends (the caller hangs up a live call first, which starts the wrap-up).
   */
  phoneDropped(sys: SystemContext, userId: number, at: number): void {
    const agent = this.deps.agents.get(sys.systemId, userId);
    if (!agent || agent.state === 'logged_out') return;
    if (agent.state === 'paused' || agent.state === 'ready') this.logOut(sys, agent, 'phone_dropped', null, at);
    else this.deps.agents.save({ ...agent, resumeState: 'logged_out' });
  }

  private logOut(sys: SystemContext, agent: AgentRecord, reason: string, callId: number | null, at: number): void {
    const sip = agent.bridgeId.startsWith('sip:');
    this.change(
      sys,
      agent,
      {
        state: 'logged_out',
        campaignId: 0,
        callId: 0,
        pauseCode: '',
        resumeState: 'paused',
        bridgeId: '',
        loggedInAt: null,
      },
      reason,
      callId,
      at,
      agent.campaignId,
    );
    if (sip) this.deps.phones.network.hangup(sys.systemId, agent.userId);
  }

  private change(
    sys: SystemContext,
    agent: AgentRecord,
    patch: Partial<AgentRecord>,
    reason: string,
    callId: number | null,
    at: number,
    campaignId?: number,
  ): AgentRecord {
    const next: AgentRecord = { ...agent, ...patch };
    this.deps.agents.save(next);
    if (next.state !== agent.state || next.pauseCode !== agent.pauseCode) {
      const payload = buildAgentStatePayload({
        userId: agent.userId,
        campaignId: campaignId ?? next.campaignId,
        extension: agent.extension,
        from: agent.state as AgentState,
        to: next.state,
        pauseCode: next.state === 'paused' ? next.pauseCode : '',
        reason,
        at,
      });
      this.deps.notifications.emit(sys.systemId, callId, notificationEnvelope('agent_state', payload), at);
      if (next.state !== agent.state)
        this.deps.onStateChange?.(sys, { ...next, campaignId: next.campaignId || agent.campaignId }, at);
    }
    return next;
  }
}
