import { formatDateTime, routes } from '@omnikit/contracts';
import {
  type ClockView,
  type ControlRouteId,
  type ControlRoutes,
  LATEST_CLOCK_MS,
  type SystemView,
  systemKey,
  type VariationView,
} from '@omnikit/contracts/control';
import { formatVariation, parseVary } from '@omnikit/contracts/variants';
import { parseClockSetting } from '../engine/clock.js';
import { issuedTokenLifetimeMs } from '../engine/directory/auth.js';
import { DomainError } from '../engine/domain-error.js';
import { isInsideOfficeHours } from '../engine/systems/office-hours.js';
import type { SystemContext } from '../engine/systems/system-context.js';
import type { MockServices } from '../mock-services.js';
import { ignoredVariationDetail } from './ignored-variation-detail.js';
import { journalSafe } from './journal-redaction.js';
import type { Handler } from './mount-route.js';
import { ok } from './ok.js';
import { fail } from './route-failure.js';
import { telephonyControlHandlers } from './telephony-control-handlers.js';

/**
 * The control API's handlers (`/__mock/*`, contract in `@omnikit/contracts/control`). Partial:
 * features that add control routes (calls, phones, webhooks) bring their handlers along; a route
 * without one is not mounted.
 */
export type ControlHandlers = { [K in ControlRouteId]?: Handler<ControlRoutes[K]> };

export function clockView(services: MockServices, sys: SystemContext): ClockView {
  const next = services.timers.earliest(sys.systemId);
  const now = sys.clock.now();
  return {
    mode: sys.clock.mode,
    scale: sys.clock.scale,
    now: formatDateTime(now),
    now_ms: now,
    pending_timers: services.timers.pending(sys.systemId),
    next_timer_at: next ? formatDateTime(next.dueAt) : null,
  };
}

export function systemView(services: MockServices, sys: SystemContext): SystemView {
  return {
    system_key: sys.systemKey,
    is_default: sys.record.isDefault,
    seed: sys.record.seed,
    clock: clockView(services, sys),
    office_hours: sys.record.officeHours,
    token_lifetime_seconds: Math.round(issuedTokenLifetimeMs(sys) / 1000),
    created_at: formatDateTime(sys.record.createdAt),
    vary: formatVariation(sys.variation),
    // So that a list of many systems shows which one the start-up line (system N) named.
    ...(sys.ignoredVary ? { vary_ignored: sys.ignoredVary.vary } : {}),
  };
}

export function variationView(sys: SystemContext, version: string): VariationView {
  const ignored = sys.ignoredVary;
  return {
    vary: formatVariation(sys.variation),
    variation: { ...sys.variation },
    own: sys.record.vary !== null && ignored === undefined,
    ...(ignored ? { ignored: { vary: ignored.vary, detail: ignoredVariationDetail(ignored, version) } } : {}),
  };
}

/**
 * The key of a system to create. A key in `Authorization` (or `auth-key`) that is no system of this mock names the new
 * system — how a create is sent through a load balancer that places systems by their key — and the body's
 * `system_key`, when given too, must be the same. A key that is already a system here is the caller's own (how
 * clients of one mock have always sent it) and names nothing: the body's key, or a random one, is the new system's.
 */
function newSystemKey(
  bodyKey: string | undefined,
  namedKey: string | undefined,
  services: MockServices,
): string | undefined {
  if (namedKey === undefined || services.registry.get(namedKey) !== undefined) return bodyKey;
  if (bodyKey !== undefined && bodyKey !== namedKey) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'the body field system_key is not the new system key in Authorization (or auth-key): give the same key in both, or only one of them',
      [{ field: 'system_key', message: 'differs from the new system key in Authorization' }],
    );
  }
  if (!systemKey.safeParse(namedKey).success) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'the new system key in Authorization must be 8 to 100 letters, digits, dots, dashes or underscores',
      [{ field: 'Authorization', message: 'must be 8 to 100 letters, digits, dots, dashes or underscores' }],
    );
  }
  return namedKey;
}

export const controlHandlers: ControlHandlers = {
  ...telephonyControlHandlers,
  health: ({ services }) => ({
    status: 'ok',
    version: services.options.version,
    systems: services.registry.count(),
  }),

  listSystems: ({ services }) => ({ systems: services.registry.list().map((s) => systemView(services, s)) }),
  createSystem: ({ body, namedKey, services }) => {
    const key = newSystemKey(body.system_key, namedKey, services);
    const sys = services.registry.create({
      ...(key !== undefined ? { systemKey: key } : {}),
      ...(body.seed !== undefined ? { seed: body.seed } : {}),
      ...(body.clock !== undefined ? { clock: parseClockSetting(body.clock) } : {}),
      ...(body.clock_start !== undefined ? { clockStart: Date.parse(body.clock_start) } : {}),
      // `random` draws from the new system's own seed, as `--vary random` draws from `--seed`.
      // `null`, like absent, leaves it following the mock's `--vary` (as `PUT /__mock/system/variation` reads it).
      ...(typeof body.vary === 'string' ? { variation: parseVary(body.vary, body.seed ?? services.options.seed) } : {}),
    });
    return { ...ok(`system ${sys.systemKey} created`), system_key: sys.systemKey, system: systemView(services, sys) };
  },
  deleteSystem: ({ params, services }) => {
    const sys = services.registry.get(params.system_key);
    services.registry.delete(params.system_key);
    if (sys) services.forget(sys.systemId);
    return ok(`system ${params.system_key} deleted`);
  },
  getSystem: ({ system, services }) => systemView(services, system),
  resetSystem: ({ system, body, services }) => {
    services.registry.reset(system, body.seed);
    services.systemReset(system.systemId);
    services.faults(system).clear();
    services.journal(system).clear();
    return systemView(services, system);
  },
  setSeed: ({ system, body, services }) => {
    services.registry.setSeed(system, body.seed);
    return systemView(services, system);
  },

  getSystemVariation: ({ system, services }) => variationView(system, services.options.version),
  setSystemVariation: ({ system, body, services }) => {
    services.registry.setVariation(system, body.vary === null ? null : parseVary(body.vary, body.seed));
    return variationView(system, services.options.version);
  },

  getClock: ({ system, services }) => clockView(services, system),
  advanceClock: ({ system, body, services }) => {
    const to = system.clock.now() + body.ms;
    if (to > LATEST_CLOCK_MS)
      fail(
        'VALIDATION_FAILED',
        `the clock would reach ${formatDateTime(to)}: it stops at ${formatDateTime(LATEST_CLOCK_MS)}, so that every date keeps a four-digit year`,
        { errors: [{ field: 'ms', message: `would move the clock past ${formatDateTime(LATEST_CLOCK_MS)}` }] },
      );
    const ran = services.registry.advance(system, body.ms);
    return {
      ...ok(`the clock moved ${body.ms} ms; ${ran} timer${ran === 1 ? '' : 's'} ran`),
      timers_run: ran,
      clock: clockView(services, system),
    };
  },
  setClock: ({ system, body, services }) => {
    services.registry.setClockMode(system, { mode: body.mode, scale: body.mode === 'scaled' ? (body.scale ?? 1) : 1 });
    services.timersChanged(system.systemId);
    return clockView(services, system);
  },

  listMockUsers: ({ system, services }) => ({
    users: services.users.all(system).map((u) => ({
      user_id: u.userId,
      user_name: u.userName,
      extension: u.extension,
      webrtc_password: u.webrtcPassword,
    })),
  }),
  createMockUser: ({ system, body, services }) => {
    const userId = services.transaction(() => services.users.create(system, body));
    return { ...ok(`user ${body.user_name} created with id ${userId}`), user_id: userId };
  },

  getDnc: ({ system, services }) => {
    const numbers = services.dnc.list(system);
    return { phone_numbers: numbers, total: numbers.length };
  },
  addDnc: ({ system, body, services }) => {
    const added = services.transaction(() => services.dnc.add(system, body.phone_numbers));
    return { ...ok(`${added} number${added === 1 ? '' : 's'} added to the do-not-call list`), changed: added };
  },
  removeDnc: ({ system, params, services }) => {
    const removed = services.dnc.remove(system, params.phone_number);
    return { ...ok(`${params.phone_number} removed from the do-not-call list`), changed: removed };
  },

  getOfficeHours: ({ system }) => ({
    ...system.record.officeHours,
    inside_now: isInsideOfficeHours(system.record.officeHours, system.clock.now()),
  }),
  setOfficeHours: ({ system, body, services }) => {
    services.registry.setOfficeHours(system, body);
    services.dialler.hoursChanged(system);
    return ok(
      `office hours set: ${body.windows.length} window${body.windows.length === 1 ? '' : 's'} in ${body.time_zone}`,
    );
  },

  getJournal: ({ system, query, services }) => {
    const journal = services.journal(system);
    return {
      capacity: journal.capacity,
      entries: journal.query(query).map((e) => ({
        id: e.id,
        at: formatDateTime(e.at),
        virtual_at: formatDateTime(e.virtualAt),
        method: e.method,
        path: e.path,
        query: e.query,
        route_id: e.routeId,
        status: e.status,
        duration_ms: e.durationMs,
        fault: e.fault,
        // Kept as sent; masked and bounded here, as they are handed out.
        request_body: journalSafe(e.requestBody),
        response_body: journalSafe(e.responseBody),
      })),
    };
  },
  clearJournal: ({ system, services }) => {
    services.journal(system).clear();
    return ok('the request journal is empty');
  },

  listFaults: ({ system, services }) => ({ faults: services.faults(system).list() }),
  createFault: ({ system, body, services }) => {
    if (body.route_id !== '*' && !(body.route_id in routes)) {
      throw DomainError.notFound('route_id', 'Omni route', body.route_id);
    }
    const id = services.faults(system).add(body);
    return { ...ok(`fault ${id} injected on ${body.route_id}`), fault_id: id };
  },
  deleteFault: ({ system, params, services }) => {
    if (!services.faults(system).remove(params.fault_id))
      throw DomainError.notFound('fault_id', 'fault', params.fault_id);
    return ok(`fault ${params.fault_id} removed`);
  },
  clearFaults: ({ system, services }) => {
    services.faults(system).clear();
    return ok('every fault was removed');
  },
};
