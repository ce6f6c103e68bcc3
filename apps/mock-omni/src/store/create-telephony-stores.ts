import type { TelephonyStores } from '../engine/ports.js';
import { createAgentRepository } from './agent-repository.js';
import { createCallRepository } from './call-repository.js';
import { createCalleeRuleRepository } from './callee-rule-repository.js';
import { createCampaignHistoryRepository } from './campaign-history-repository.js';
import type { OpenDb } from './create-db.js';
import { createDiallerLeadRepository } from './dialler-lead-repository.js';
import { createDiallerStateRepository } from './dialler-state-repository.js';
import { repairMessagingDemoData } from './messaging-demo-repair.js';
import { createMessagingRepository } from './messaging-repository.js';
import { createShotgunRaceRepository } from './shotgun-race-repository.js';
import { createVirtualPhoneRepository } from './virtual-phone-repository.js';

/** The ports of agents, phones, calls and messaging on one open database (the same connection as `createStores`). */
export function createTelephonyStores(open: OpenDb): TelephonyStores {
  // Demo data an older mock seeded wrongly is put right when the mock opens the file (a no-op once done).
  repairMessagingDemoData(open.sqlite);
  return {
    agents: createAgentRepository(open.sqlite),
    phones: createVirtualPhoneRepository(open.sqlite),
    calls: createCallRepository(open.sqlite),
    calleeRules: createCalleeRuleRepository(open.sqlite),
    shotguns: createShotgunRaceRepository(open.sqlite),
    history: createCampaignHistoryRepository(open.sqlite),
    messaging: createMessagingRepository(open.sqlite),
    diallerPorts: (systemId) => ({
      leads: createDiallerLeadRepository(open.sqlite, systemId),
      store: createDiallerStateRepository(open.sqlite, systemId),
    }),
  };
}
