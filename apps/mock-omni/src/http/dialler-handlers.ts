/**
 * The dialler's Omni routes: preview next and skip (B.8); and the routes that change what the dialler works
 * on — leads added, campaign settings changed — followed by a pacing pass, so a campaign with ready agents dials the
 * new leads at once. Each runs in the route's one transaction.
 *
 * @module
 */

import type { RouteId, Routes } from '@omnikit/contracts';
import type { SystemContext } from '../engine/systems/system-context.js';
import type { MockServices } from '../mock-services.js';
import type { Handler, HandlerInput } from './mount-route.js';
import { ok } from './ok.js';
import { type OmniHandlers, omniHandlers } from './omni-handlers.js';

/** A pacing pass over `campaignIds` on one engine instance: each campaign's settings are read once. */
function pace(services: MockServices, system: SystemContext, campaignIds: readonly number[]): void {
  if (campaignIds.length === 0) return;
  const dialler = services.dialler.of(system);
  const at = system.clock.now();
  for (const id of campaignIds) services.dialler.apply(system, dialler.pace(id, at), at);
}

/** Every campaign of the system (campaigns that do not dial by themselves do nothing). */
function paceAll(services: MockServices, system: SystemContext): void {
  pace(services, system, services.campaigns.ids(system));
}

/** The directory's handler for `id`, then a pacing pass (of every campaign unless `pace` says whose). */
function thenPace<K extends RouteId>(
  id: K,
  paceAfter: (input: HandlerInput<Routes[K]>) => void = (input) => paceAll(input.services, input.system),
): Handler<Routes[K]> {
  const handler = omniHandlers[id] as Handler<Routes[K]> | undefined;
  if (!handler) throw new Error(`the directory serves no ${id}`);
  // Synchronous, like every handler: it runs inside the route's transaction.
  return (input) => {
    const answer = handler(input);
    if (answer instanceof Promise) throw new Error(`${id} answered asynchronously: it cannot be followed by pacing`);
    paceAfter(input);
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
    if (body.lead_id !== undefined) services.dialler.leadCalled(system, params.user_id, body.lead_id, started.call_id);
    return started;
  },
  addLead: thenPace('addLead', ({ services, system, body }) => services.dialler.paceList(system, body.list_id)),
  bulkUploadLeads: thenPace('bulkUploadLeads'),
  bulkUploadLeadsLegacy: thenPace('bulkUploadLeadsLegacy'),
  updateCampaign: thenPace('updateCampaign'),
};
