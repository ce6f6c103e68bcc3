import { getUser, listUsers, login, loginLegacy, logout, setState } from './agents.js';
import { archiveLeads, archiveLeadsLegacy, dearchiveLeads, dearchiveLeadsLegacy } from './archive.js';
import { authorize, authorizeLegacyLogin, authorizeLegacyLoginAuthorize } from './auth.js';
import {
  conferenceCall,
  connectCall,
  disposeCall,
  getCall,
  hangupCall,
  holdCall,
  makeCall,
  recordCall,
  retrieveCall,
} from './calls.js';
import { createCampaign, getCampaign, listCampaigns, updateCampaign } from './campaigns.js';
import { addLead, bulkUploadLeads, bulkUploadLeadsLegacy, deleteLead, getLead, updateLead } from './leads.js';
import { createList, getList, listLeads, listLists } from './lists.js';
import {
  deleteNotificationEndpoint,
  getNotificationEndpoint,
  setNotificationEndpoint,
} from './notification-endpoint.js';
import { previewNext, previewSkip } from './preview.js';
import { getRecording } from './recordings.js';
import { cancelShotgun, getShotgun, startShotgun } from './shotgun.js';

/** Every Omni route, keyed by operation id. Order is the OpenAPI document's order. */
export const routes = {
  authorize,
  authorizeLegacyLogin,
  authorizeLegacyLoginAuthorize,
  listUsers,
  getUser,
  login,
  loginLegacy,
  logout,
  setState,
  makeCall,
  getCall,
  holdCall,
  retrieveCall,
  hangupCall,
  disposeCall,
  recordCall,
  conferenceCall,
  connectCall,
  startShotgun,
  getShotgun,
  cancelShotgun,
  previewNext,
  previewSkip,
  createCampaign,
  getCampaign,
  listCampaigns,
  updateCampaign,
  createList,
  getList,
  listLists,
  listLeads,
  addLead,
  getLead,
  updateLead,
  deleteLead,
  bulkUploadLeads,
  bulkUploadLeadsLegacy,
  archiveLeads,
  archiveLeadsLegacy,
  dearchiveLeads,
  dearchiveLeadsLegacy,
  setNotificationEndpoint,
  getNotificationEndpoint,
  deleteNotificationEndpoint,
  getRecording,
} as const;

export type Routes = typeof routes;
export type RouteId = keyof Routes;
export const routeList = Object.values(routes);
