import type { CalleeRule } from '@omnikit/contracts/control';

/** A system's callee rules (control API), replaced as a whole; none until set. */
export interface CalleeRuleStore {
  get(systemId: number): CalleeRule[];
  set(systemId: number, rules: readonly CalleeRule[], at: number): void;
}
