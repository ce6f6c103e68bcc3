/**
 * The delivery settings of each system kept in memory beside their rows: the webhook endpoint and the chaos switches,
 * which every delivery reads (and every notification recorded, for its endpoint). One cache per connection, shared by
 * the repository that writes endpoints (`endpoint-repository.ts`), the one that reads both and writes chaos
 * (`notify-settings-repository.ts`) and the stores' wipe and commit hooks (`create-stores.ts`). Each write drops the
 * system's entry before it runs, so a changed endpoint or switch applies to the very next attempt; a rollback never
 * leaves its value behind (`committed-cache.ts`).
 *
 * @module
 */

import type { WebhookChaos } from '@omnikit/contracts/control';
import type Database from 'better-sqlite3';
import type { NotifyEndpoint } from '../notify/notify-settings.js';
import { CommittedCache } from './committed-cache.js';

const caches = new WeakMap<Database.Database, NotifySettingsCache>();

export class NotifySettingsCache {
  /** A system's endpoint; `null` when it has none (absence is cached too: most reads of a new system find none). */
  readonly endpoints: CommittedCache<0, Readonly<NotifyEndpoint> | null>;
  readonly chaos: CommittedCache<0, WebhookChaos>;

  private constructor(sqlite: Database.Database) {
    this.endpoints = new CommittedCache(sqlite);
    this.chaos = new CommittedCache(sqlite);
  }

  /** The connection's cache, made on first use. */
  static of(sqlite: Database.Database): NotifySettingsCache {
    let cache = caches.get(sqlite);
    if (!cache) {
      cache = new NotifySettingsCache(sqlite);
      caches.set(sqlite, cache);
    }
    return cache;
  }

  /** The group commit's transaction is over: reads may be cached again. */
  settled(): void {
    this.endpoints.settled();
    this.chaos.settled();
  }

  /** The system's data was wiped (reset, system deleted). */
  forget(systemId: number): void {
    this.endpoints.forget(systemId);
    this.chaos.forget(systemId);
  }
}
