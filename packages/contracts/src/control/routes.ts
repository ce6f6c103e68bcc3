/**
 * The routes of the mock's control API (`/__mock/*`). Every route is `inferred` (a mock feature,
 * not Omni). `admin` routes need `X-Mock-Admin-Key` when the mock has an admin key; `control`
 * routes act on the system named by `Authorization: Key=…`, or on the default system when none
 * is given.
 *
 * @module
 */

import { z } from 'zod';
import { pathId, phoneNumber } from '../common.js';
import { injectInboundMessage, reviewTemplate } from '../messaging/control-routes.js';
import { defineRoute, type RouteDef } from '../route.js';
import { calleeRules } from './callee-rules.js';
import { campaignSeriesQuery, campaignSeriesView } from './campaign-series.js';
import {
  campaignStatsView,
  inboundArrivalProcess,
  inboundArrivalView,
  inboundCallBody,
  inboundCallPlaced,
  mockCallView,
} from './dialler.js';
import {
  addDncBody,
  advanceClockBody,
  advanceResult,
  clockView,
  createFaultBody,
  createSystemBody,
  createUserBody,
  dncChanged,
  dncList,
  extensionParams,
  faultCreated,
  faultList,
  healthView,
  journalQuery,
  journalView,
  mockUserView,
  officeHours,
  okResult,
  phoneList,
  phoneResult,
  resetSystemBody,
  setClockBody,
  setSeedBody,
  systemCreated,
  systemKey,
  systemList,
  systemView,
  userCreated,
} from './schemas.js';
import { sipMediaQuery, sipMediaView } from './sip-media.js';
import { setVariationBody, variationView } from './variation.js';
import {
  deliveryList,
  deliveryListQuery,
  deliveryView,
  notificationIdParams,
  replayResult,
  testDeliveryResult,
  testNotificationBody,
  webhookChaos,
} from './webhook-deliveries.js';

/** Most control routes: inferred, acting on the system the key names. */
const control = { source: 'inferred', auth: 'control' } as const;

export const health = defineRoute({
  ...control,
  id: 'health',
  method: 'GET',
  path: '/health',
  group: 'mock-health',
  summary: 'Liveness: answers as soon as the mock serves requests',
  idempotent: true,
  responses: { 200: healthView },
});

export const listSystems = defineRoute({
  id: 'listSystems',
  method: 'GET',
  path: '/__mock/systems',
  group: 'mock-systems',
  auth: 'admin',
  source: 'inferred',
  summary: 'Every system (tenant) of the mock',
  idempotent: true,
  responses: { 200: systemList },
});

export const createSystem = defineRoute({
  id: 'createSystem',
  method: 'POST',
  path: '/__mock/systems',
  group: 'mock-systems',
  auth: 'admin',
  source: 'inferred',
  summary: 'Create a fresh system (own seed, own clock, the demo data) and return its key',
  description:
    'A `system_key` already in use answers 409 INVALID_STATE. The new key may be sent in `Authorization: Key=<key>` instead (or as well): a load balancer that places systems by their key (`omni-mock cluster`) then sends the create to the process that will own the system. A key there that is already a system of the mock is the caller’s own and names nothing; a new one that differs from the body’s `system_key` answers 400 VALIDATION_FAILED.',
  idempotent: false,
  body: createSystemBody,
  responses: { 200: systemCreated },
  errors: ['INVALID_STATE'],
});

export const deleteSystem = defineRoute({
  id: 'deleteSystem',
  method: 'DELETE',
  path: '/__mock/systems/{system_key}',
  group: 'mock-systems',
  auth: 'admin',
  source: 'inferred',
  summary: 'Delete a system and all its data',
  description: 'The default system cannot be deleted (409 INVALID_STATE): reset it instead.',
  idempotent: true,
  params: z.object({ system_key: systemKey }),
  responses: { 200: okResult },
  errors: ['INVALID_STATE'],
});

export const getSystem = defineRoute({
  ...control,
  id: 'getSystem',
  method: 'GET',
  path: '/__mock/system',
  group: 'mock-systems',
  summary: 'The system’s settings: seed, clock, office hours, token lifetime',
  idempotent: true,
  responses: { 200: systemView },
});

export const resetSystem = defineRoute({
  ...control,
  id: 'resetSystem',
  method: 'POST',
  path: '/__mock/system/reset',
  group: 'mock-systems',
  summary: 'Wipe the system’s data and put the demo data back (same key; clock restarts at its start)',
  idempotent: false,
  body: resetSystemBody,
  responses: { 200: systemView },
});

export const setSeed = defineRoute({
  ...control,
  id: 'setSeed',
  method: 'PUT',
  path: '/__mock/system/seed',
  group: 'mock-systems',
  summary: 'Change the seed of the system’s randomness from now on (data is kept)',
  idempotent: true,
  body: setSeedBody,
  responses: { 200: systemView },
});

export const getSystemVariation = defineRoute({
  ...control,
  id: 'getSystemVariation',
  method: 'GET',
  path: '/__mock/system/variation',
  group: 'mock-systems',
  summary: 'The plausible Omni the system plays where the wiki is silent: every axis and its value',
  description:
    'A stored variation this mock does not understand (a newer OmniKit’s axis or value, a hand edit) is kept but ignored, and named in `ignored`: the system follows the mock’s `--vary` until one is set.',
  idempotent: true,
  responses: { 200: variationView },
});

export const setSystemVariation = defineRoute({
  ...control,
  id: 'setSystemVariation',
  method: 'PUT',
  path: '/__mock/system/variation',
  group: 'mock-systems',
  summary: 'Make the system play another plausible Omni (`--vary` text), from its next request on',
  description:
    'Kept by a restart and by a reset; `vary: null` gives it up (the system follows the mock’s `--vary` again). An unknown axis or value, an axis given twice, an empty item (a leading, trailing or doubled comma), or `random` without a `seed` answers 400 VALIDATION_FAILED naming it.',
  idempotent: true,
  body: setVariationBody,
  responses: { 200: variationView },
});

export const getClock = defineRoute({
  ...control,
  id: 'getClock',
  method: 'GET',
  path: '/__mock/clock',
  group: 'mock-clock',
  summary: 'The system’s virtual clock and its pending timers',
  idempotent: true,
  responses: { 200: clockView },
});

export const advanceClock = defineRoute({
  ...control,
  id: 'advanceClock',
  method: 'POST',
  path: '/__mock/clock/advance',
  group: 'mock-clock',
  summary: 'Move a manual clock forward, running every timer that falls due, in time order',
  description: 'Answers after the due timers have run. Only a `manual` clock: others answer 409 INVALID_STATE.',
  idempotent: false,
  body: advanceClockBody,
  responses: { 200: advanceResult },
  errors: ['INVALID_STATE'],
});

export const setClock = defineRoute({
  ...control,
  id: 'setClock',
  method: 'PUT',
  path: '/__mock/clock',
  group: 'mock-clock',
  summary: 'Switch the clock between real, scaled (×scale) and manual; virtual time never jumps',
  description:
    'Timers a running clock has already passed run first, each at its due time, so a manual clock never stands past a due timer.',
  idempotent: true,
  body: setClockBody,
  responses: { 200: clockView },
});

export const listMockUsers = defineRoute({
  ...control,
  id: 'listMockUsers',
  method: 'GET',
  path: '/__mock/users',
  group: 'mock-users',
  summary: 'The system’s users with extensions and WebRTC passwords',
  idempotent: true,
  responses: { 200: z.object({ users: z.array(mockUserView) }).meta({ id: 'MockUserList' }) },
});

export const createMockUser = defineRoute({
  ...control,
  id: 'createMockUser',
  method: 'POST',
  path: '/__mock/users',
  group: 'mock-users',
  summary: 'Create a user with a password, an extension and a WebRTC password',
  description: 'A user name or extension already in use answers 409 INVALID_STATE.',
  idempotent: false,
  body: createUserBody,
  responses: { 200: userCreated },
  errors: ['INVALID_STATE'],
});

export const getDnc = defineRoute({
  ...control,
  id: 'getDnc',
  method: 'GET',
  path: '/__mock/dnc',
  group: 'mock-dnc',
  summary: 'The system’s do-not-call list',
  idempotent: true,
  responses: { 200: dncList },
});

export const addDnc = defineRoute({
  ...control,
  id: 'addDnc',
  method: 'POST',
  path: '/__mock/dnc',
  group: 'mock-dnc',
  summary: 'Add numbers to the do-not-call list (numbers already there are kept)',
  idempotent: true,
  body: addDncBody,
  responses: { 200: dncChanged },
});

export const removeDnc = defineRoute({
  ...control,
  id: 'removeDnc',
  method: 'DELETE',
  path: '/__mock/dnc/{phone_number}',
  group: 'mock-dnc',
  summary: 'Remove a number from the do-not-call list',
  idempotent: true,
  params: z.object({ phone_number: phoneNumber }),
  responses: { 200: dncChanged },
});

export const getOfficeHours = defineRoute({
  ...control,
  id: 'getOfficeHours',
  method: 'GET',
  path: '/__mock/office-hours',
  group: 'mock-office-hours',
  summary: 'The office hours (lead archiving answers 403 inside them) and whether it is inside them now',
  idempotent: true,
  responses: {
    200: officeHours.extend({ inside_now: z.boolean() }).meta({ id: 'MockOfficeHoursNow' }),
  },
});

export const setOfficeHours = defineRoute({
  ...control,
  id: 'setOfficeHours',
  method: 'PUT',
  path: '/__mock/office-hours',
  group: 'mock-office-hours',
  summary: 'Replace the office hours (an empty `windows` means never inside them)',
  idempotent: true,
  body: officeHours,
  responses: { 200: okResult },
});

export const getJournal = defineRoute({
  ...control,
  id: 'getJournal',
  method: 'GET',
  path: '/__mock/journal',
  group: 'mock-journal',
  summary: 'The last requests to the system’s Omni routes with bodies and answers, newest first',
  idempotent: true,
  query: journalQuery,
  responses: { 200: journalView },
});

export const clearJournal = defineRoute({
  ...control,
  id: 'clearJournal',
  method: 'DELETE',
  path: '/__mock/journal',
  group: 'mock-journal',
  summary: 'Empty the request journal',
  idempotent: true,
  responses: { 200: okResult },
});

export const listFaults = defineRoute({
  ...control,
  id: 'listFaults',
  method: 'GET',
  path: '/__mock/faults',
  group: 'mock-faults',
  summary: 'The fault injections in force',
  idempotent: true,
  responses: { 200: faultList },
});

export const createFault = defineRoute({
  ...control,
  id: 'createFault',
  method: 'POST',
  path: '/__mock/faults',
  group: 'mock-faults',
  summary: 'Inject latency and/or an error (with a rate) into one Omni route or all of them',
  description:
    '`RATE_LIMITED` answers 429 with `Retry-After`. Faults apply to Omni routes only, never to `/__mock/*`. An unknown `route_id` answers 404.',
  idempotent: false,
  body: createFaultBody,
  responses: { 200: faultCreated },
  errors: ['NOT_FOUND'],
});

export const deleteFault = defineRoute({
  ...control,
  id: 'deleteFault',
  method: 'DELETE',
  path: '/__mock/faults/{fault_id}',
  group: 'mock-faults',
  summary: 'Remove one fault',
  idempotent: true,
  params: z.object({ fault_id: pathId }),
  responses: { 200: okResult },
});

export const clearFaults = defineRoute({
  ...control,
  id: 'clearFaults',
  method: 'DELETE',
  path: '/__mock/faults',
  group: 'mock-faults',
  summary: 'Remove every fault',
  idempotent: true,
  responses: { 200: okResult },
});

export const listPhones = defineRoute({
  ...control,
  id: 'listPhones',
  method: 'GET',
  path: '/__mock/phones',
  group: 'mock-phones',
  summary: 'The system’s registered phones: virtual ones and SIP ones',
  idempotent: true,
  responses: { 200: phoneList },
});

export const registerPhone = defineRoute({
  ...control,
  id: 'registerPhone',
  method: 'POST',
  path: '/__mock/phones/{extension}/register',
  group: 'mock-phones',
  summary: 'Register a virtual phone for an extension (no SIP): it answers its bridge call at once',
  description:
    'Stands in for a WebRTC registration in headless tests and load runs: campaign login then finds the extension registered. Registering again changes nothing. An extension no user has answers 404.',
  idempotent: true,
  params: extensionParams,
  responses: { 200: phoneResult },
});

export const unregisterPhone = defineRoute({
  ...control,
  id: 'unregisterPhone',
  method: 'POST',
  path: '/__mock/phones/{extension}/unregister',
  group: 'mock-phones',
  summary: 'Unregister a virtual phone: its bridge call drops as when a real phone goes away',
  description:
    'A logged-in agent on this extension loses its bridge call: a call it is on is hung up, and it is logged out (at once, or when its wrap-up ends), with `agent_state` reason `phone_dropped`.',
  idempotent: true,
  params: extensionParams,
  responses: { 200: phoneResult },
});

export const getSipMedia = defineRoute({
  ...control,
  id: 'getSipMedia',
  method: 'GET',
  path: '/__mock/sip/media',
  group: 'mock-phones',
  summary:
    'The media of the live bridge legs to SIP phones: RTP counters both ways, whether the customer’s voice plays',
  description:
    'With `--media webrtc` each bridge leg is a real WebRTC peer: it plays a generated voice to the agent while a customer call is bridged (nothing otherwise or on hold) and counts the RTP the phone sends. With fake media (the default) the legs are listed with zero counters and `media_state` `none`. `extension` narrows the list to one extension (404 when no user has it; an empty list when it has no live leg).',
  idempotent: true,
  query: sipMediaQuery,
  responses: { 200: sipMediaView },
});

export const getCalleeRules = defineRoute({
  ...control,
  id: 'getCalleeRules',
  method: 'GET',
  path: '/__mock/callee-rules',
  group: 'mock-callee-rules',
  summary: 'The system’s callee rules (what dialled numbers do beyond the magic numbers)',
  idempotent: true,
  responses: { 200: calleeRules },
});

export const setCalleeRules = defineRoute({
  ...control,
  id: 'setCalleeRules',
  method: 'PUT',
  path: '/__mock/callee-rules',
  group: 'mock-callee-rules',
  summary: 'Replace the system’s callee rules (exact number or prefix; fixed or from a distribution)',
  description:
    'Applies to calls dialled from now on. B.10’s magic numbers always win; numbers no rule matches follow the seeded default distribution.',
  idempotent: true,
  body: calleeRules,
  responses: { 200: calleeRules },
});

export const listWebhookDeliveries = defineRoute({
  ...control,
  id: 'listWebhookDeliveries',
  method: 'GET',
  path: '/__mock/webhook/deliveries',
  group: 'mock-webhooks',
  summary: 'Notifications recorded for the system, newest first, with every attempt and response',
  idempotent: true,
  query: deliveryListQuery,
  responses: { 200: deliveryList },
});

export const getWebhookDelivery = defineRoute({
  ...control,
  id: 'getWebhookDelivery',
  method: 'GET',
  path: '/__mock/webhook/deliveries/{notification_id}',
  group: 'mock-webhooks',
  summary: 'One notification with its attempts',
  idempotent: true,
  params: notificationIdParams,
  responses: { 200: deliveryView },
});

export const replayWebhookDelivery = defineRoute({
  ...control,
  id: 'replayWebhookDelivery',
  method: 'POST',
  path: '/__mock/webhook/deliveries/{notification_id}/replay',
  group: 'mock-webhooks',
  summary: 'Send one notification again (same id and body, a new round of attempts)',
  description: 'A notification still pending, or a system with no endpoint, answers 409 INVALID_STATE.',
  idempotent: false,
  params: notificationIdParams,
  responses: { 200: replayResult },
  errors: ['INVALID_STATE'],
});

export const replayCallDeliveries = defineRoute({
  ...control,
  id: 'replayCallDeliveries',
  method: 'POST',
  path: '/__mock/webhook/calls/{call_id}/replay',
  group: 'mock-webhooks',
  summary: 'Send every settled notification of a call again, in their original order',
  description: 'A call with no notifications answers 404; one whose notifications are all pending, 409.',
  idempotent: false,
  params: z.object({ call_id: pathId }),
  responses: { 200: replayResult },
  errors: ['INVALID_STATE'],
});

export const sendTestNotification = defineRoute({
  ...control,
  id: 'sendTestNotification',
  method: 'POST',
  path: '/__mock/webhook/test',
  group: 'mock-webhooks',
  summary: 'Send one test notification to the endpoint now and say how it was taken (no retries)',
  description: 'With no endpoint set: 409 INVALID_STATE.',
  idempotent: false,
  body: testNotificationBody,
  responses: { 200: testDeliveryResult },
  errors: ['INVALID_STATE'],
});

export const getWebhookChaos = defineRoute({
  ...control,
  id: 'getWebhookChaos',
  method: 'GET',
  path: '/__mock/webhook/chaos',
  group: 'mock-webhooks',
  summary: 'The chaos switches in force for the system’s webhook delivery',
  idempotent: true,
  responses: { 200: webhookChaos },
});

export const setWebhookChaos = defineRoute({
  ...control,
  id: 'setWebhookChaos',
  method: 'PUT',
  path: '/__mock/webhook/chaos',
  group: 'mock-webhooks',
  summary: 'Set the chaos switches (delay, duplicate, drop the first N attempts, reorder); `{}` turns all off',
  idempotent: true,
  body: webhookChaos,
  responses: { 200: webhookChaos },
});

/** The control API's routes, keyed by operation id. */
const campaignParams = z.object({ campaign_id: pathId });

export const placeInboundCall = defineRoute({
  ...control,
  id: 'placeInboundCall',
  method: 'POST',
  path: '/__mock/inbound',
  group: 'mock-dialler',
  summary: 'One inbound call now: a caller dials a DID of an Inbound or blended campaign',
  idempotent: false,
  body: inboundCallBody,
  responses: { 200: inboundCallPlaced },
});

export const setArrivalProcess = defineRoute({
  ...control,
  id: 'setArrivalProcess',
  method: 'PUT',
  path: '/__mock/inbound/arrivals',
  group: 'mock-dialler',
  summary: 'Start (or replace) a campaign’s seeded inbound arrival process',
  idempotent: true,
  body: inboundArrivalProcess,
  responses: { 200: inboundArrivalView },
});

export const getArrivalProcess = defineRoute({
  ...control,
  id: 'getArrivalProcess',
  method: 'GET',
  path: '/__mock/inbound/arrivals/{campaign_id}',
  group: 'mock-dialler',
  summary: 'A campaign’s inbound arrival process as it runs',
  idempotent: true,
  params: campaignParams,
  responses: { 200: inboundArrivalView },
});

export const stopArrivalProcess = defineRoute({
  ...control,
  id: 'stopArrivalProcess',
  method: 'DELETE',
  path: '/__mock/inbound/arrivals/{campaign_id}',
  group: 'mock-dialler',
  summary: 'Stop a campaign’s inbound arrival process',
  idempotent: true,
  params: campaignParams,
  responses: { 200: okResult },
});

export const getCampaignStats = defineRoute({
  ...control,
  id: 'getCampaignStats',
  method: 'GET',
  path: '/__mock/campaigns/{campaign_id}/stats',
  group: 'mock-dialler',
  summary: 'A campaign’s dialler statistics (dials, connects, drops, abandons, ASA, AHT, occupancy, leads left)',
  idempotent: true,
  params: campaignParams,
  responses: { 200: campaignStatsView },
});

export const getCampaignSeries = defineRoute({
  ...control,
  id: 'getCampaignSeries',
  method: 'GET',
  path: '/__mock/campaigns/{campaign_id}/series',
  group: 'mock-dialler',
  summary: 'A campaign’s statistics as time series per bucket, and each agent’s states over the last hour',
  description:
    'On the system’s clock: a manual clock advanced by hours gives hours of buckets. A bucket outside 10–86400 s, `from` not before `to`, or a window of more than 1440 buckets answers 400.',
  idempotent: true,
  params: campaignParams,
  query: campaignSeriesQuery,
  responses: { 200: campaignSeriesView },
});

export const getMockCall = defineRoute({
  ...control,
  id: 'getMockCall',
  method: 'GET',
  path: '/__mock/calls/{call_id}',
  group: 'mock-dialler',
  summary: 'Any call by id, with its CDR once sent — also the dialler and inbound calls no agent took',
  idempotent: true,
  params: z.object({ call_id: pathId }),
  responses: { 200: mockCallView },
});

export const controlRoutes = {
  health,
  listSystems,
  createSystem,
  deleteSystem,
  getSystem,
  resetSystem,
  setSeed,
  getSystemVariation,
  setSystemVariation,
  getClock,
  advanceClock,
  setClock,
  listMockUsers,
  createMockUser,
  getDnc,
  addDnc,
  removeDnc,
  getOfficeHours,
  setOfficeHours,
  getJournal,
  clearJournal,
  listFaults,
  createFault,
  deleteFault,
  clearFaults,
  listPhones,
  registerPhone,
  unregisterPhone,
  getSipMedia,
  getCalleeRules,
  setCalleeRules,
  listWebhookDeliveries,
  getWebhookDelivery,
  replayWebhookDelivery,
  replayCallDeliveries,
  sendTestNotification,
  getWebhookChaos,
  setWebhookChaos,
  placeInboundCall,
  setArrivalProcess,
  getArrivalProcess,
  stopArrivalProcess,
  getCampaignStats,
  getCampaignSeries,
  getMockCall,
  injectInboundMessage,
  reviewTemplate,
} as const satisfies Record<string, RouteDef>;
export type ControlRoutes = typeof controlRoutes;
export type ControlRouteId = keyof ControlRoutes;
export const controlRouteList: RouteDef[] = Object.values(controlRoutes);
