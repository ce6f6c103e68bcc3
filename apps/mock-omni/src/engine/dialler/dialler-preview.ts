/**
 * Preview (B.8): an agent of a Preview campaign asks for the next lead, which is held for them (`user:<id>`) until
 * they call it or skip it. Calling a lead — a preview lead, or any call with a `lead_id` — counts as an attempt, and
 * the lead is held for the call instead, so its end settles it.
 *
 * @module
 */

import { CAMPAIGN_TYPES } from '@omnikit/contracts';
import { callTimerRef } from '../calls/call-timers.js';
import { DomainError } from '../domain-error.js';
import { requireAgent } from './dialler-agents.js';
import type { DiallerCampaign } from './dialler-campaign.js';
import { type DiallerContext, requireCampaign } from './dialler-context.js';
import { takeLead } from './dialler-outbound.js';
import type { DiallerAgent } from './dialler-store.js';
import { leadAfterDial, phoneToDial } from './lead-policy.js';
import type { DiallerLead } from './lead-source.js';

function requirePreviewAgent(ctx: DiallerContext, userId: number): { agent: DiallerAgent; campaign: DiallerCampaign } {
  const agent = requireAgent(ctx, userId);
  const campaign = requireCampaign(ctx, agent.campaignId);
  if (campaign.campaignType !== CAMPAIGN_TYPES.PREVIEW)
    throw DomainError.invalidState(
      `preview needs a Preview campaign (type 2): user ${userId} is logged in to campaign ${campaign.campaignId}, type ${campaign.campaignType}`,
    );
  return { agent, campaign };
}

/** The next lead for the agent, held for them until called or skipped; null when none. */
export function previewNext(ctx: DiallerContext, userId: number, at: number): DiallerLead | null {
  const { leads } = ctx;
  const { agent, campaign } = requirePreviewAgent(ctx, userId);
  if (agent.state !== 'paused' && agent.state !== 'ready')
    throw DomainError.invalidState(`user ${userId} is ${agent.state}: preview/next needs an agent paused or ready`);
  if (agent.previewLeadId !== 0 && leads.holder(agent.previewLeadId) === `user:${userId}`) {
    const held = leads.get(agent.previewLeadId);
    if (held && stillDialable(ctx, campaign, held, at)) return held;
    // Deleted, or edited out of reach (DNC, a final status, another campaign's list, a later schedule)
    // since it was handed out: let go of it and hand out the next lead instead.
    leads.release(agent.previewLeadId);
    ctx.store.saveAgent({ ...agent, previewLeadId: 0 });
  }
  const taken = takeLead(ctx, campaign, at);
  if (!taken) return null;
  leads.hold(taken.lead.leadId, `user:${userId}`);
  ctx.store.saveAgent({ ...agent, previewLeadId: taken.lead.leadId });
  return taken.lead;
}

/** Whether a lead held in preview may still be called from this campaign now, as `takeLead` would judge it. */
function stillDialable(ctx: DiallerContext, campaign: DiallerCampaign, lead: DiallerLead, at: number): boolean {
  return (
    lead.dueAt !== null &&
    lead.dueAt <= at &&
    campaign.listIds.includes(lead.listId) &&
    phoneToDial(lead, (p) => ctx.leads.isDnc(p)) !== null
  );
}

export function previewSkip(ctx: DiallerContext, userId: number, leadId: number, at: number): void {
  const { leads } = ctx;
  const { agent } = requirePreviewAgent(ctx, userId);
  if (agent.previewLeadId !== leadId || leads.holder(leadId) !== `user:${userId}`)
    throw DomainError.invalidState(
      `lead ${leadId} is not the lead user ${userId} is previewing (${agent.previewLeadId === 0 ? 'none' : `lead ${agent.previewLeadId}`})`,
    );
  leads.release(leadId);
  const lead = leads.get(leadId);
  // Back in the list behind every lead already due; skipping costs no attempt.
  if (lead && lead.dueAt !== null) leads.save({ ...lead, dueAt: Math.max(lead.dueAt, at) });
  ctx.store.saveAgent({ ...agent, previewLeadId: 0 });
}

/** An agent dialled a lead (a preview lead, or a call with `lead_id`): it counts as an attempt. */
export function leadDialled(
  ctx: DiallerContext,
  input: { leadId: number; callId: number; userId: number },
  at: number,
): void {
  const { leads, store } = ctx;
  const { leadId, callId, userId } = input;
  const lead = leads.get(leadId);
  if (!lead) throw DomainError.notFound('lead_id', 'lead', leadId);
  const holder = leads.holder(leadId);
  if (holder === `user:${userId}`) {
    leads.release(leadId);
    const agent = store.agent(userId);
    if (agent?.previewLeadId === leadId) store.saveAgent({ ...agent, previewLeadId: 0 });
  }
  leads.hold(leadId, callTimerRef(callId));
  leads.save(leadAfterDial(lead, callId, at));
}
