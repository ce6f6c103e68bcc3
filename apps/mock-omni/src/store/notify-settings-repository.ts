import { type WebhookChaos, type WebhookChaosInput, webhookChaos } from '@omnikit/contracts/control';
import type Database from 'better-sqlite3';
import { NO_CHAOS, type NotifyEndpoint, type NotifySettings } from '../notify/notify-settings.js';
import { NotifySettingsCache } from './notify-settings-cache.js';

/** Delivery settings a control route can change: the chaos switches (the endpoint is set through Omni's route). */
export interface WebhookSettings extends NotifySettings {
  setChaos(systemId: number, chaos: WebhookChaosInput): WebhookChaos;
}

/**
 * Delivery settings on SQLite: the system's webhook (the `notification_endpoints` table the
 * endpoint routes write) and its chaos switches (`webhook_chaos`), read on every delivery through the connection's
 * cache (notify-settings-cache.ts): every write of either drops the system's entry first, so a change applies to the
 * very next attempt.
 */
export function createNotifySettingsRepository(sqlite: Database.Database): WebhookSettings {
  const endpoint = sqlite.prepare<[number], { url: string; types: string; secret: string | null }>(
    'SELECT url, notification_types AS types, secret FROM notification_endpoints WHERE system_id = ?',
  );
  const chaos = sqlite.prepare<
    [number],
    { delayMs: number; duplicateRate: number; dropFirstAttempts: number; reorder: number }
  >(
    `SELECT delay_ms AS delayMs, duplicate_rate AS duplicateRate, drop_first_attempts AS dropFirstAttempts, reorder
     FROM webhook_chaos WHERE system_id = ?`,
  );
  const setChaos = sqlite.prepare<[number, number, number, number, number]>(
    `INSERT INTO webhook_chaos (system_id, delay_ms, duplicate_rate, drop_first_attempts, reorder) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (system_id) DO UPDATE SET delay_ms = excluded.delay_ms, duplicate_rate = excluded.duplicate_rate,
       drop_first_attempts = excluded.drop_first_attempts, reorder = excluded.reorder`,
  );
  const cache = NotifySettingsCache.of(sqlite);
  return {
    endpoint(systemId): NotifyEndpoint | undefined {
      const cached = cache.endpoints.get(systemId, 0);
      if (cached !== undefined) return cached ?? undefined;
      const r = endpoint.get(systemId);
      // Frozen: the cached object is shared by every reader.
      const found = r
        ? Object.freeze({
            url: r.url,
            notificationTypes: Object.freeze(JSON.parse(r.types) as string[]),
            secret: r.secret,
          })
        : null;
      cache.endpoints.set(systemId, 0, found);
      return found ?? undefined;
    },
    chaos(systemId): WebhookChaos {
      const cached = cache.chaos.get(systemId, 0);
      if (cached !== undefined) return cached;
      const r = chaos.get(systemId);
      const found: WebhookChaos = r
        ? Object.freeze({
            delay_ms: r.delayMs,
            duplicate_rate: r.duplicateRate,
            drop_first_attempts: r.dropFirstAttempts,
            reorder: r.reorder === 1,
          })
        : NO_CHAOS;
      cache.chaos.set(systemId, 0, found);
      return found;
    },
    setChaos(systemId, input) {
      const parsed = webhookChaos.parse(input);
      cache.chaos.drop(systemId);
      setChaos.run(
        systemId,
        parsed.delay_ms,
        parsed.duplicate_rate,
        parsed.drop_first_attempts,
        parsed.reorder ? 1 : 0,
      );
      return parsed;
    },
  };
}
