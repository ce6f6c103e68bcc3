import type { RouteId, Routes } from '@omnikit/contracts';
import type { MockServices } from '../mock-services.js';
import type { SystemContext } from '../engine/systems/system-context.js';
import type { Handler } from './mount-route.js';
import { type OmniHandlers, omniHandlers } from './omni-handlers.js';

/**
 * The dialler's Omni routes (issue #5): preview next and skip (B.8); and the routes that change what
 * the dialler works on — leads added, campaign settings changed — followed by a pacing pass, so a
 * campaign with ready agents dials the new leads at once. Each runs in the route's one transaction.
 */
const ok = (detail: string) => ({ success: true, detail });

/** Every campaign of the system gets a pacing pass (campaigns that do not dial by themselves do nothing). */
function paceAll(services: MockServices, system: SystemContext): void {
  for (const c of services.stores.campaigns.list(system.systemId)) services.dialler.pace(system, c.campaignId);
}

/** The directory's handler for `id`, then a pacing pass. */
function thenPace<K extends RouteId>(id: K): Handler<Routes[K]> {
  const handler = omniHandlers[id] as Handler<Routes[K]> | undefined;
  if (!handler) throw new Error(`the directory serves no ${id}`);
  // Synchronous, like every handler: it runs inside the route's transaction.
  return (input) => {
    const answer = handler(input);
    if (answer instanceof Promise) throw new Error(`${id} answered asynchronously: it cannot be followed by pacing`);
    paceAll(input.services, input.system);
    return answer;
  };
}

export const diallerHandlers: OmniHandlers = {
  previewNext: ({ system, params, services }) => {
    const lead = services.dialler.of(system).previewNext(params.user_id, system.clock.now());
    if (!lead) return { ...ok(`no lead to preview for user ${params.user_id} now`), lead: null };
    return {
      ...ok(`lead ${lead.leadId} is held for user ${params.user_id}: call it with lead_id, or skip it`),
      lead: services.leads.get(system, lead.leadId),
    };
  },
  previewSkip: ({ system, params, body, services }) => {
    services.dialler.of(system).previewSkip(params.user_id, body.lead_id, system.clock.now());
    return ok(`lead ${body.lead_id} is skipped`);
  },
  makeCall: ({ system, params, body, services }) => {
    const started = services.calls.makeCall(system, params.user_id, body);
    if (body.lead_id !== undefined)
      services.dialler.previewCalled(system, params.user_id, body.lead_id, started.call_id);
    return started;
  },
  addLead: thenPace('addLead'),
  bulkUploadLeads: thenPace('bulkUploadLeads'),
  bulkUploadLeadsLegacy: thenPace('bulkUploadLeadsLegacy'),
  updateCampaign: thenPace('updateCampaign'),
};
