import type { RouteDef } from '@omnikit/contracts';

/**
 * A valid request for every route the mock serves, written out by hand (not derived from the
 * schemas), so that the generated bad-input cases change one thing at a time from something that
 * works. Ids refer to the demo data of a fresh system.
 */
export interface Fixture {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

export const FIXTURES: Record<string, Fixture> = {
  authorize: { body: { user_name: 'agent1', password: 'cGFzc3dvcmQx' } },
  authorizeLegacyLogin: { body: { user_name: 'agent1', password: 'cGFzc3dvcmQx' } },
  authorizeLegacyLoginAuthorize: { body: { user_name: 'agent1', password: 'cGFzc3dvcmQx' } },
  listUsers: {},
  getUser: { params: { user_id: '1' } },
  createCampaign: { body: { campaign_name: 'Matrix', campaign_type: 1, max_lines: 2, auto_record: true } },
  getCampaign: { params: { campaign_id: '1' } },
  listCampaigns: {},
  updateCampaign: { params: { campaign_id: '2' }, body: { campaign_name: 'Renamed', wrapup_seconds: 20 } },
  createList: { body: { list_name: 'Matrix list', campaign_id: 1, description: 'd' } },
  getList: { params: { list_id: '1' } },
  listLists: {},
  listLeads: { params: { list_id: '1' }, query: { page: '1', page_size: '10', status: 'NEW' } },
  addLead: {
    body: { other_info: 'matrix lead', list_id: 1, first_name: 'A', phone_numbers: [{ phone_number: '0215550123' }] },
  },
  getLead: { params: { lead_id: '1' } },
  updateLead: { params: { lead_id: '1' }, body: { first_name: 'B', status: 'NI' } },
  deleteLead: { params: { lead_id: '2' } },
  bulkUploadLeads: {
    body: { list_id: 1, dnc_check: true, deduplication: true, leads: [{ phone_number_1: '0215550777' }] },
  },
  bulkUploadLeadsLegacy: {
    body: { list_id: 2, dnc_check: false, deduplication: false, leads: [{ phone_number_1: '0215550778' }] },
  },
  archiveLeads: { body: { insert_leads: true, update_leads: true, delete_leads: true, lead_ids: [5, 6] } },
  archiveLeadsLegacy: { body: { insert_leads: true, update_leads: false, delete_leads: true, lead_ids: [0, 7] } },
  dearchiveLeads: { body: { insert_leads: true, delete_leads: true, lead_ids: [5] } },
  dearchiveLeadsLegacy: { body: { insert_leads: true, delete_leads: true, lead_ids: [0, 1] } },
  setNotificationEndpoint: {
    body: { url: 'https://crm.example/hook', notification_types: ['cdr'], secret: 'secret-123' },
  },
  getNotificationEndpoint: {},
  deleteNotificationEndpoint: {},

  health: {},
  listSystems: {},
  createSystem: { body: { seed: 3, clock: 'manual', clock_start: '2026-02-02T09:00:00Z', vary: 'ids=strings' } },
  deleteSystem: { params: { system_key: 'matrix-victim' } },
  getSystem: {},
  resetSystem: { body: { seed: 2 } },
  setSeed: { body: { seed: 5 } },
  getSystemVariation: {},
  setSystemVariation: { body: { vary: 'errors=ok-false,dates=vicidial' } },
  getClock: {},
  advanceClock: { body: { ms: 1000 } },
  setClock: { body: { mode: 'manual' } },
  listMockUsers: {},
  createMockUser: { body: { user_name: 'matrix.user', password: 'pw', extension: '4001', webrtc_password: 'wr' } },
  getDnc: {},
  addDnc: { body: { phone_numbers: ['0215550999'] } },
  removeDnc: { params: { phone_number: '0215550999' } },
  getOfficeHours: {},
  setOfficeHours: { body: { time_zone: 'UTC', windows: [] } },
  getJournal: { query: { limit: '5', method: 'GET', status: '200' } },
  clearJournal: {},
  listFaults: {},
  createFault: { body: { route_id: 'getCampaign', latency_ms: 0 } },
  deleteFault: { params: { fault_id: '1' } },
  clearFaults: {},

  // Agents and calls; test/support/call-fixtures.ts prepares what each needs.
  login: { params: { user_id: '1' }, body: { campaign_id: 1, extension: '1001' } },
  loginLegacy: { params: { user_id: '1' }, body: { campaign_id: 1, extension: '1001' } },
  logout: { params: { user_id: '1' } },
  setState: { params: { user_id: '1' }, body: { state: 'paused', pause_code: 'BREAK' } },
  makeCall: {
    params: { user_id: '1' },
    body: { phone_number: '0800555001', outboud_cli: '0215550100', unique_id: 'matrix-1' },
  },
  getCall: { params: { user_id: '1', call_id: '1' } },
  holdCall: { params: { user_id: '1', call_id: '1' } },
  retrieveCall: { params: { user_id: '1', call_id: '1' } },
  hangupCall: { params: { user_id: '1', call_id: '1' } },
  disposeCall: { params: { user_id: '1', call_id: '1' }, body: { disposition_code: 'SALE', notes: 'matrix' } },
  recordCall: { params: { user_id: '1', call_id: '1' }, body: { action: 'start' } },
  conferenceCall: { params: { user_id: '1', call_id: '1' }, body: { phone_number: '0800555008' } },
  connectCall: { params: { user_id: '1', call_id: '1' } },
  getRecording: { params: { file: '1_20260105080001.wav' } },

  // Shotgun.
  startShotgun: {
    params: { user_id: '1' },
    body: { phone_numbers: ['0800555008', '0800555009'], outboud_cli: '0215550100', unique_id: 'matrix-sg' },
  },
  getShotgun: { params: { user_id: '1', shotgun_id: '1' } },
  cancelShotgun: { params: { user_id: '1', shotgun_id: '1' } },

  // Preview: see call-fixtures.ts.
  previewNext: { params: { user_id: '1' } },
  previewSkip: { params: { user_id: '1' }, body: { lead_id: 151 } },
  placeInboundCall: { body: { did: '0861000004', phone_number: '0827770001' } },
  setArrivalProcess: { body: { campaign_id: 4, calls_per_hour: Array.from({ length: 24 }, () => 10) } },
  getArrivalProcess: { params: { campaign_id: '4' } },
  stopArrivalProcess: { params: { campaign_id: '4' } },
  getCampaignStats: { params: { campaign_id: '4' } },
  getCampaignSeries: { params: { campaign_id: '4' }, query: { bucket: '60' } },
  getMockCall: { params: { call_id: '1' } },
  injectInboundMessage: { body: { channel: 'whatsapp', from: '0800556003', body: 'Hello from the matrix' } },
  reviewTemplate: { params: { template_id: '3' }, body: { template_status: 'approved' } },

  listPhones: {},
  registerPhone: { params: { extension: '1001' } },
  unregisterPhone: { params: { extension: '1001' } },
  getCalleeRules: {},
  setCalleeRules: { body: { rules: [{ prefix: '021', behaviour: { outcome: 'busy', ring_ms: 1000 } }] } },
  listWebhookDeliveries: { query: { limit: '5', state: 'no_endpoint', type: 'agent_state' } },
  getWebhookDelivery: { params: { notification_id: 'set-by-prepare' } },
  replayWebhookDelivery: { params: { notification_id: 'set-by-prepare' } },
  replayCallDeliveries: { params: { call_id: '1' } },
  sendTestNotification: { body: { type: 'cdr' } },
  getWebhookChaos: {},
  setWebhookChaos: { body: { delay_ms: 0, duplicate_rate: 0.5, drop_first_attempts: 1, reorder: false } },
};

/** An id no fixture system has, per path parameter. */
export const UNKNOWN_PARAM: Record<string, string> = {
  user_id: '999999',
  campaign_id: '999999',
  list_id: '999999',
  lead_id: '999999',
  system_key: 'no-such-system-key',
  phone_number: '0999999999',
  fault_id: '999999',
  call_id: '999999',
  file: '999999_20260105080000.wav',
  extension: '9999',
  notification_id: 'no-such-notification',
};

export function fillPath(route: RouteDef, params: Record<string, string>): string {
  return route.path.replace(/\{([a-z_]+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}
