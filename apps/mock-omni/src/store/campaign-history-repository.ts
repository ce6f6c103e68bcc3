/**
 * The campaign series' history (engine/dialler/campaign-history.ts) on SQLite: the dialler's calls of
 * a campaign from the `calls` table, and the agents' state changes from the `agent_state`
 * notifications the outbox recorded (every one is recorded, endpoint or not), read in insertion
 * order with their system-clock time.
 *
 * @module
 */

import { AGENT_STATES, type AgentState } from '@omnikit/contracts';
import type Database from 'better-sqlite3';
import type { AgentStateChange, CampaignHistory } from '../engine/dialler/campaign-history.js';
import { CALL_RECORD_COLUMNS, type CallRecordRow, fromCallRecordRow } from './call-columns.js';
import { pendingWritesOf } from './pending-writes.js';

interface ChangeRow {
  at: number;
  userId: number | string | null;
  campaignId: number | string | null;
  state: string | null;
}

const isAgentState = (s: string | null): s is AgentState =>
  s !== null && (AGENT_STATES as readonly string[]).includes(s);

export function createCampaignHistoryRepository(sqlite: Database.Database): CampaignHistory {
  const calls = sqlite.prepare<[number, number], CallRecordRow>(
    `SELECT ${CALL_RECORD_COLUMNS.map(([c, f]) => `${c} AS ${f}`).join(', ')} FROM calls
     WHERE system_id = ? AND campaign_id = ? AND call_type IN (2, 3) ORDER BY call_id`,
  );
  const changes = sqlite.prepare<[number, number], ChangeRow>(
    `SELECT created_at AS at,
            json_extract(body, '$.payload.user_id') AS userId,
            json_extract(body, '$.payload.campaign_id') AS campaignId,
            json_extract(body, '$.payload.agent_state') AS state
     FROM outbox WHERE system_id = ? AND type = 'agent_state' AND created_at <= ? ORDER BY seq`,
  );
  const pending = pendingWritesOf(sqlite);
  return {
    calls(systemId, campaignId, upTo) {
      const out = [];
      for (const row of calls.all(systemId, campaignId)) {
        const record = fromCallRecordRow(row);
        const start = record.timeline[0]?.at;
        if (start !== undefined && start <= upTo) out.push(record);
      }
      return out;
    },
    agentChanges(systemId, upTo) {
      // Notifications held back for the COMMIT are read too (this command's own among them).
      pending.flush();
      const out: AgentStateChange[] = [];
      for (const r of changes.all(systemId, upTo)) {
        if (!isAgentState(r.state)) continue;
        out.push({ userId: Number(r.userId), campaignId: Number(r.campaignId ?? 0), state: r.state, at: r.at });
      }
      return out;
    },
  };
}
