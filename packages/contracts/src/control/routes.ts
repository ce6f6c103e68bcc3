import { z } from 'zod';
import { pathId, phoneNumber } from '../common.js';
import { defineRoute, type RouteDef } from '../route.js';
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
  faultCreated,
  faultList,
  healthView,
  journalQuery,
  journalView,
  mockUserView,
  officeHours,
  okResult,
  resetSystemBody,
  setClockBody,
  setSeedBody,
  systemCreated,
  systemKey,
  systemList,
  systemView,
  userCreated,
} from './schemas.js';

/**
 * The mock's control API (`/__mock/*`). Every route is `inferred` (a mock feature, not Omni).
 * `admin` routes need `X-Mock-Admin-Key` when the mock has an admin key; `control` routes act on
 * the system named by `Authorization: Key=…`, or on the default system when none is given.
 */
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
  description: 'A `system_key` already in use answers 409 INVALID_STATE.',
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

/** The control API's routes, keyed by operation id. */
export const controlRoutes = {
  health,
  listSystems,
  createSystem,
  deleteSystem,
  getSystem,
  resetSystem,
  setSeed,
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
} as const satisfies Record<string, RouteDef>;
export type ControlRoutes = typeof controlRoutes;
export type ControlRouteId = keyof ControlRoutes;
export const controlRouteList: RouteDef[] = Object.values(controlRoutes);
