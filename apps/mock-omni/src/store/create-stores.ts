import type { Stores } from '../engine/ports.js';
import { createCampaignRepository } from './campaign-repository.js';
import type { OpenDb } from './create-db.js';
import { createGroupCommit } from './group-commit.js';
import { createDncRepository } from './dnc-repository.js';
import { createEndpointRepository } from './endpoint-repository.js';
import { createLeadRepository } from './lead-repository.js';
import { createListRepository } from './list-repository.js';
import { createSequenceRepository } from './sequence-repository.js';
import { createSystemRepository } from './system-repository.js';
import { createTimerRepository } from './timer-repository.js';
import { createTokenRepository } from './token-repository.js';
import { createUserRepository } from './user-repository.js';

/** Every port of the engine, implemented on one open database. */
export function createStores(open: OpenDb): Stores {
  const { db, sqlite } = open;
  return {
    // Every command runs in a savepoint of its event-loop turn's transaction (group commit).
    tx: createGroupCommit(sqlite),
    systems: createSystemRepository(db),
    sequences: createSequenceRepository(sqlite),
    users: createUserRepository(db, sqlite),
    tokens: createTokenRepository(sqlite),
    campaigns: createCampaignRepository(db, sqlite),
    lists: createListRepository(db, sqlite),
    leads: createLeadRepository(db, sqlite),
    dnc: createDncRepository(db),
    endpoints: createEndpointRepository(db),
    timers: createTimerRepository(sqlite),
  };
}
