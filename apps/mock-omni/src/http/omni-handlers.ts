/**
 * The directory's Omni routes: authentication, users, campaigns, lists, leads, bulk upload, the archive service and
 * the notification endpoint's storage. The routes of agents, calls, shotgun, preview and recordings have tables of
 * their own (call-handlers.ts, shotgun-handlers.ts, dialler-handlers.ts).
 *
 * @module
 */

import type { RouteId, Routes } from '@omnikit/contracts';
import { DomainError } from '../engine/domain-error.js';
import type { Handler } from './mount-route.js';
import { ok } from './ok.js';
import { RawJson } from './raw-json.js';

/** A handler for each Omni route a table serves; a route without one is not mounted (404 `ROUTE_NOT_FOUND`). */
export type OmniHandlers = { [K in RouteId]?: Handler<Routes[K]> };

const controlApiEndpoint = (url: string) =>
  new DomainError(
    'VALIDATION_FAILED',
    `the notification endpoint ${url} is this mock's own control API: deliveries must not drive /__mock`,
    [{ field: 'url', message: "must not point at the mock's own control API (/__mock on its address and port)" }],
  );

export const omniHandlers: OmniHandlers = {
  authorize: ({ system, body, services }) => services.auth.authorize(system, body.user_name, body.password),
  authorizeLegacyLogin: ({ system, body, services }) => services.auth.authorize(system, body.user_name, body.password),
  authorizeLegacyLoginAuthorize: ({ system, body, services }) =>
    services.auth.authorize(system, body.user_name, body.password),

  listUsers: ({ system, services }) => services.users.list(system),
  getUser: ({ system, params, services }) => services.users.view(system, params.user_id),

  createCampaign: ({ system, body, services }) => {
    const campaignId = services.campaigns.create(system, body);
    return { ...ok(`campaign ${campaignId} created`), campaign_id: campaignId };
  },
  getCampaign: ({ system, params, services }) => new RawJson(services.campaigns.getJson(system, params.campaign_id)),
  listCampaigns: ({ system, services }) => ({ campaigns: services.campaigns.list(system) }),
  updateCampaign: ({ system, params, body, services }) => {
    services.campaigns.update(system, params.campaign_id, body);
    return ok(`campaign ${params.campaign_id} updated: ${Object.keys(body).join(', ')}`);
  },

  createList: ({ system, body, services }) => {
    const listId = services.lists.create(system, body);
    return { ...ok(`list ${listId} created`), list_id: listId };
  },
  getList: ({ system, params, services }) => services.lists.get(system, params.list_id),
  listLists: ({ system, services }) => ({ lists: services.lists.list(system) }),
  listLeads: ({ system, params, query, services }) => services.leads.page(system, params.list_id, query),

  addLead: ({ system, body, services }) => {
    const leadId = services.leads.add(system, body);
    return { ...ok(`lead ${leadId} added to list ${body.list_id}`), lead_id: leadId };
  },
  getLead: ({ system, params, services }) => services.leads.get(system, params.lead_id),
  updateLead: ({ system, params, body, services }) => {
    services.leads.update(system, params.lead_id, body);
    return ok(`lead ${params.lead_id} updated: ${Object.keys(body).join(', ')}`);
  },
  deleteLead: ({ system, params, services }) => {
    services.leads.delete(system, params.lead_id);
    return ok(`lead ${params.lead_id} deleted`);
  },
  bulkUploadLeads: ({ system, body, services }) => services.bulk.upload(system, body),
  bulkUploadLeadsLegacy: ({ system, body, services }) => services.bulk.upload(system, body),

  archiveLeads: ({ system, body, services }) => services.archive.archive(system, body),
  archiveLeadsLegacy: ({ system, body, services }) => services.archive.archive(system, body),
  dearchiveLeads: ({ system, body, services }) => services.archive.dearchive(system, body),
  dearchiveLeadsLegacy: ({ system, body, services }) => services.archive.dearchive(system, body),

  setNotificationEndpoint: ({ system, body, services }) => {
    const store = () => {
      services.endpoints.set(system, body);
      return ok(`notifications will be posted to ${body.url}`);
    };
    // A tenant's webhook must never drive the mock's control API (it acts on the default system).
    const reaches = services.options.listeners.reachesControlApi(body.url);
    if (reaches === false) return store();
    if (reaches === true) throw controlApiEndpoint(body.url);
    // A host name is resolved first; the write then runs in a transaction of its own.
    return reaches.then((hit) => {
      if (hit) throw controlApiEndpoint(body.url);
      return services.transaction(store);
    });
  },
  getNotificationEndpoint: ({ system, services }) => services.endpoints.get(system),
  deleteNotificationEndpoint: ({ system, services }) =>
    ok(
      services.endpoints.delete(system) ? 'the notification endpoint was removed' : 'no notification endpoint was set',
    ),
};
