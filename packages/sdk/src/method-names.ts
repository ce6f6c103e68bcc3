import type { Routes } from '@omnikit/contracts';

/**
 * The ids of the routes the sdk serves: every route of the contracts but the deprecated aliases.
 *
 * @example
 * ```ts
 * import { type CurrentRouteId, METHOD_NAMES } from '@omnikit/sdk';
 *
 * const ids = Object.keys(METHOD_NAMES) as CurrentRouteId[];
 * console.log(ids.length, 'routes have a method');
 * ```
 */
export type CurrentRouteId = {
  [K in keyof Routes]: Routes[K] extends { readonly deprecated: object } ? never : K;
}[keyof Routes];

/**
 * Each current route's method name inside its resource (the contract's `group`): route
 * `getCampaign` (group `campaigns`) is `campaigns.get(…)`; routes of the `agent` group sit on the
 * agent itself (`agent.login(…)`). The `satisfies` makes a new route in the contracts a type
 * error here until it is given a name, so no route is ever left without its method.
 * `authorize` is `client.authorize(user_name, password)`.
 *
 * @example
 * ```ts
 * import { METHOD_NAMES } from '@omnikit/sdk';
 *
 * console.log(METHOD_NAMES.getCampaign, METHOD_NAMES.makeCall); // get make: campaigns.get(…), calls.make(…)
 * ```
 */
export const METHOD_NAMES = {
  authorize: 'authorize',
  listUsers: 'list',
  getUser: 'get',
  login: 'login',
  logout: 'logout',
  setState: 'state',
  makeCall: 'make',
  getCall: 'get',
  holdCall: 'hold',
  retrieveCall: 'retrieve',
  hangupCall: 'hangup',
  disposeCall: 'dispose',
  recordCall: 'record',
  conferenceCall: 'conference',
  connectCall: 'connect',
  startShotgun: 'start',
  getShotgun: 'get',
  cancelShotgun: 'cancel',
  previewNext: 'next',
  previewSkip: 'skip',
  createCampaign: 'create',
  getCampaign: 'get',
  listCampaigns: 'list',
  updateCampaign: 'update',
  createList: 'create',
  getList: 'get',
  listLists: 'list',
  listLeads: 'leads',
  addLead: 'add',
  getLead: 'get',
  updateLead: 'update',
  deleteLead: 'delete',
  bulkUploadLeads: 'bulkUpload',
  archiveLeads: 'archive',
  dearchiveLeads: 'dearchive',
  setNotificationEndpoint: 'setEndpoint',
  getNotificationEndpoint: 'getEndpoint',
  deleteNotificationEndpoint: 'deleteEndpoint',
  getRecording: 'get',
} as const satisfies { readonly [K in CurrentRouteId]: string };

/**
 * The type of METHOD_NAMES: each current route's method name, as a literal.
 *
 * @example
 * ```ts
 * import type { MethodNames } from '@omnikit/sdk';
 *
 * const name: MethodNames['makeCall'] = 'make';
 * ```
 */
export type MethodNames = typeof METHOD_NAMES;
