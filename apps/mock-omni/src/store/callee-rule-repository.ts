import type { CalleeRule } from '@omnikit/contracts/control';
import type Database from 'better-sqlite3';
import type { CalleeRuleStore } from '../engine/calls/callee-rule-store.js';

export function createCalleeRuleRepository(sqlite: Database.Database): CalleeRuleStore {
  const get = sqlite.prepare<[number], { rules: string }>('SELECT rules FROM callee_rules WHERE system_id = ?');
  const set = sqlite.prepare<[number, string, number]>(
    `INSERT INTO callee_rules (system_id, rules, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (system_id) DO UPDATE SET rules = excluded.rules, updated_at = excluded.updated_at`,
  );
  return {
    get(systemId) {
      const r = get.get(systemId);
      return r ? (JSON.parse(r.rules) as CalleeRule[]) : [];
    },
    set(systemId, rules, at) {
      set.run(systemId, JSON.stringify(rules), at);
    },
  };
}
