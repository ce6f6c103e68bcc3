/**
 * What delivery needs to know about a system: its webhook (B.7: one per system, replaced as a whole; the secret never
 * leaves the server) and its chaos switches. The store implements it at integration (the endpoint table exists; chaos
 * needs a column or a table); tests use the memory one.
 *
 * @module
 */

import type { NotificationType } from '@omnikit/contracts';
import type { WebhookChaos, WebhookChaosInput } from '@omnikit/contracts/control';
import { webhookChaos } from '@omnikit/contracts/control';

export interface NotifyEndpoint {
  url: string;
  /** Types delivered; empty means all. */
  notificationTypes: readonly string[];
  secret: string | null;
}

export interface NotifySettings {
  endpoint(systemId: number): NotifyEndpoint | undefined;
  chaos(systemId: number): WebhookChaos;
}

export const NO_CHAOS: WebhookChaos = Object.freeze({
  delay_ms: 0,
  duplicate_rate: 0,
  drop_first_attempts: 0,
  reorder: false,
});

/** Whether the endpoint takes this type (its `notification_types` filter; empty: all). */
export function endpointAccepts(endpoint: NotifyEndpoint, type: NotificationType): boolean {
  return endpoint.notificationTypes.length === 0 || endpoint.notificationTypes.includes(type);
}

export interface MemoryNotifySettings extends NotifySettings {
  setEndpoint(systemId: number, endpoint: NotifyEndpoint | undefined): void;
  setChaos(systemId: number, chaos: WebhookChaosInput): WebhookChaos;
}

export function createMemoryNotifySettings(): MemoryNotifySettings {
  const endpoints = new Map<number, NotifyEndpoint>();
  const chaos = new Map<number, WebhookChaos>();
  return {
    endpoint: (systemId) => endpoints.get(systemId),
    chaos: (systemId) => chaos.get(systemId) ?? NO_CHAOS,
    setEndpoint(systemId, endpoint) {
      if (endpoint) endpoints.set(systemId, endpoint);
      else endpoints.delete(systemId);
    },
    setChaos(systemId, input) {
      const parsed = webhookChaos.parse(input);
      chaos.set(systemId, parsed);
      return parsed;
    },
  };
}
