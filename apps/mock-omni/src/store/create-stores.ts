import type { Stores } from '../engine/ports.js';
import { createCampaignRepository } from './campaign-repository.js';
import { type CheckpointPolicy, createCheckpointPolicy } from './checkpoint-policy.js';
import type { OpenDb } from './create-db.js';
import { createDncRepository } from './dnc-repository.js';
import { createEndpointRepository } from './endpoint-repository.js';
import { createGroupCommit } from './group-commit.js';
import { createLeadRepository } from './lead-repository.js';
import { createListRepository } from './list-repository.js';
import { NotifySettingsCache } from './notify-settings-cache.js';
import { pendingWritesOf } from './pending-writes.js';
import { createSequenceRepository } from './sequence-repository.js';
import { createSystemRepository } from './system-repository.js';
import { createTimerRepository } from './timer-repository.js';
import { createTokenRepository } from './token-repository.js';
import { createUserRepository } from './user-repository.js';
import { writeEpochOf } from './write-epoch.js';

/**
 * Every port of the engine, implemented on one open database. Users, tokens, campaigns, lists and the
 * delivery settings (endpoint and chaos, store/notify-settings-cache.ts) keep in-memory caches of hot reads: a system's reset or deletion makes them forget it; the end of
 * each group-commit transaction tells those but tokens that what they read is committed again,
 * and a failed commit empties the token cache. After a commit, the WAL is checkpointed by
 * `checkpoints` (store/checkpoint-policy.ts), a little at a time.
 */
export function createStores(open: OpenDb): Stores & { checkpoints: CheckpointPolicy } {
  const { db, sqlite } = open;
  const checkpoints = createCheckpointPolicy(sqlite);
  const users = createUserRepository(db, sqlite);
  const tokens = createTokenRepository(sqlite);
  const campaigns = createCampaignRepository(db, sqlite);
  const lists = createListRepository(db, sqlite);
  const notifySettings = NotifySettingsCache.of(sqlite);
  const epoch = writeEpochOf(sqlite);
  const wiped = (systemId: number) => {
    // The calls and the dialler's state kept in memory beside their rows are read again.
    epoch.bump();
    users.forget(systemId);
    lists.forget(systemId);
    tokens.forget(systemId);
    campaigns.forget(systemId);
    notifySettings.forget(systemId);
  };
  return {
    // Every command runs in a savepoint of its event-loop turn's transaction (group commit).
    tx: createGroupCommit(sqlite, (committed) => {
      users.settled();
      campaigns.settled();
      lists.settled();
      notifySettings.settled();
      if (committed) checkpoints.committed();
      else tokens.clear();
    }),
    checkpoints,
    systems: createSystemRepository(db, wiped, () => pendingWritesOf(sqlite).flush()),
    sequences: createSequenceRepository(sqlite),
    users,
    tokens,
    campaigns,
    lists,
    leads: createLeadRepository(db, sqlite),
    dnc: createDncRepository(db),
    endpoints: createEndpointRepository(db, sqlite),
    timers: createTimerRepository(sqlite),
  };
}
