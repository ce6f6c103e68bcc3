import type { AgentStore } from '../agents/agent-store.js';
import type { VirtualPhoneStore } from '../agents/virtual-phone-store.js';
import type { CallStore } from './call-store.js';
import type { CalleeRuleStore } from './callee-rule-store.js';
import type { DiallerPorts } from './dialler-service.js';
import type { ShotgunStore } from './shotgun-store.js';

/** The ports of agents, phones and calls (issue #4), beside the directory's `Stores`. */
export interface TelephonyStores {
  agents: AgentStore;
  phones: VirtualPhoneStore;
  calls: CallStore;
  calleeRules: CalleeRuleStore;
  /** Shotgun races (issue #5). */
  shotguns: ShotgunStore;
  /** The dialler's lead source and working state of one system (issue #5). */
  diallerPorts: (systemId: number) => DiallerPorts;
}
