import type { Notification } from '@omnikit/contracts';
import { DomainError } from '../engine/domain-error.js';
import { sampleNotification } from '../engine/notifications/sample-notification.js';
import type { SystemContext } from '../engine/systems/system-context.js';
import type { MockServices } from '../mock-services.js';
import {
  type DeliveryControlDeps,
  getDelivery,
  listDeliveries,
  replayCall,
  replayNotification,
  sendTestNotification,
} from '../notify/delivery-control.js';
import { systemWire } from '../notify/notification-wire.js';
import { sipMediaSourceOf } from '../runtime/sip-phones.js';
import type { ControlHandlers } from './control-handlers.js';
import { ok } from './ok.js';

type TelephonyControlIds =
  | 'listPhones'
  | 'registerPhone'
  | 'unregisterPhone'
  | 'getSipMedia'
  | 'getCalleeRules'
  | 'setCalleeRules'
  | 'listWebhookDeliveries'
  | 'getWebhookDelivery'
  | 'replayWebhookDelivery'
  | 'replayCallDeliveries'
  | 'sendTestNotification'
  | 'getWebhookChaos'
  | 'setWebhookChaos';

function deliveryDeps(services: MockServices): DeliveryControlDeps {
  const { outbox, settings, kick } = services.webhooks;
  return {
    outbox,
    settings,
    kick,
    nowOf: (systemId) => services.registry.getById(systemId)?.clock.now() ?? 0,
    wireOf: (systemId) => systemWire(services.registry.getById(systemId)),
  };
}

const replayed = (ids: string[]) => ({
  ...ok(`${ids.length} notification${ids.length === 1 ? '' : 's'} queued again`),
  notification_ids: ids,
});

/**
 * Control routes of telephony: virtual phones, the SIP bridge legs' media, callee rules, and webhook delivery (the outbox's
 * view with every attempt, replays, a test notification, chaos switches).
 */
export const telephonyControlHandlers: Pick<ControlHandlers, TelephonyControlIds> = {
  listPhones: ({ system, services }) => ({ phones: services.phones.list(system) }),
  registerPhone: ({ system, params, services }) => {
    const added = services.phones.registerVirtual(system, params.extension);
    return {
      ...ok(
        added
          ? `extension ${params.extension} is registered (virtual phone)`
          : `extension ${params.extension} was already registered (virtual phone)`,
      ),
      registered: true,
    };
  },
  unregisterPhone: ({ system, params, services }) => {
    const removed = services.transaction(() => dropVirtualPhone(services, system, params.extension));
    return {
      ...ok(
        removed
          ? `the virtual phone of extension ${params.extension} is unregistered`
          : `extension ${params.extension} had no virtual phone`,
      ),
      registered: services.phones.isRegistered(system.systemId, params.extension),
    };
  },

  getSipMedia: ({ system, query, services }) => {
    if (query.extension !== undefined && !services.users.hasExtension(system, query.extension))
      throw DomainError.notFound('extension', 'extension', query.extension);
    const sip = sipMediaSourceOf(services.phones.network);
    const legs = sip?.mediaLegs(system.systemId) ?? [];
    return {
      media: sip?.mediaMode ?? 'fake',
      legs: query.extension === undefined ? legs : legs.filter((leg) => leg.extension === query.extension),
    };
  },

  getCalleeRules: ({ system, services }) => ({ rules: services.calls.calleeRules(system) }),
  setCalleeRules: ({ system, body, services }) => {
    services.calls.setCalleeRules(system, body.rules);
    return { rules: body.rules };
  },

  listWebhookDeliveries: ({ system, query, services }) =>
    listDeliveries(services.webhooks.outbox, system.systemId, query),
  getWebhookDelivery: ({ system, params, services }) =>
    getDelivery(services.webhooks.outbox, system.systemId, params.notification_id),
  replayWebhookDelivery: ({ system, params, services }) =>
    replayed(replayNotification(deliveryDeps(services), system.systemId, params.notification_id)),
  replayCallDeliveries: ({ system, params, services }) =>
    replayed(replayCall(deliveryDeps(services), system.systemId, params.call_id)),
  sendTestNotification: ({ system, body, services }) => {
    const notification: Notification =
      body.notification ?? sampleNotification(body.type ?? 'agent_state', system.clock.now());
    return sendTestNotification(
      {
        ...deliveryDeps(services),
        sender: services.webhooks.sender,
        wallNow: services.options.wallNow,
      },
      system.systemId,
      notification,
    );
  },
  getWebhookChaos: ({ system, services }) => services.webhooks.settings.chaos(system.systemId),
  setWebhookChaos: ({ system, body, services }) => services.webhooks.settings.setChaos(system.systemId, body),
};

/** A virtual phone goes away: when nothing else keeps the extension registered, its agent loses the phone. */
function dropVirtualPhone(services: MockServices, system: SystemContext, extension: string): boolean {
  const removed = services.phones.unregisterVirtual(system, extension);
  if (removed && !services.phones.isRegistered(system.systemId, extension)) services.calls.phoneGone(system, extension);
  return removed;
}
