import type Database from 'better-sqlite3';
import type { AgentState } from '@omnikit/contracts';
import type { CallRecord } from '../engine/calls/call-record.js';
import type {
  CampaignRuntime,
  DiallerAgent,
  DiallerCall,
  DiallerCallPhase,
  DiallerStore,
} from '../engine/dialler/dialler-store.js';

interface AgentRow {
  user_id: number;
  campaign_id: number;
  state: string;
  since: number;
  preview_lead_id: number;
}

interface CallRow {
  phase: string;
  waiting_since: number | null;
  machine: number;
  talk_ms: number;
  record: string;
}

const toAgent = (r: AgentRow): DiallerAgent => ({
  userId: r.user_id,
  campaignId: r.campaign_id,
  state: r.state as AgentState,
  since: r.since,
  previewLeadId: r.preview_lead_id,
});

const toCall = (r: CallRow): DiallerCall => ({
  record: JSON.parse(r.record) as CallRecord,
  phase: r.phase as DiallerCallPhase,
  waitingSince: r.waiting_since,
  machine: r.machine === 1,
  talkMs: r.talk_ms,
});

/**
 * The dialler's working state on SQLite for one system (`dialler_agents`, `dialler_calls`,
 * `dialler_runtimes`): the longest-idle agent and the longest-waiting call are one query each on
 * their indexes. Runs inside the caller's transaction.
 */
export function createSqliteDiallerStore(sqlite: Database.Database, systemId: number): DiallerStore {
  const getRuntime = sqlite.prepare<[number, number], { runtime: string }>(
    'SELECT runtime FROM dialler_runtimes WHERE system_id = ? AND campaign_id = ?',
  );
  const putRuntime = sqlite.prepare<[number, number, string]>(
    `INSERT INTO dialler_runtimes (system_id, campaign_id, runtime) VALUES (?, ?, ?)
     ON CONFLICT (system_id, campaign_id) DO UPDATE SET runtime = excluded.runtime`,
  );
  const agentCols = 'user_id, campaign_id, state, since, preview_lead_id';
  const getAgent = sqlite.prepare<[number, number], AgentRow>(
    `SELECT ${agentCols} FROM dialler_agents WHERE system_id = ? AND user_id = ?`,
  );
  const putAgent = sqlite.prepare<[number, number, number, string, number, number]>(
    `INSERT INTO dialler_agents (system_id, ${agentCols}) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (system_id, user_id) DO UPDATE SET campaign_id = excluded.campaign_id, state = excluded.state,
       since = excluded.since, preview_lead_id = excluded.preview_lead_id`,
  );
  const deleteAgent = sqlite.prepare<[number, number]>(
    'DELETE FROM dialler_agents WHERE system_id = ? AND user_id = ?',
  );
  const campaignAgents = sqlite.prepare<[number, number], AgentRow>(
    `SELECT ${agentCols} FROM dialler_agents WHERE system_id = ? AND campaign_id = ? ORDER BY user_id`,
  );
  const idle = sqlite.prepare<[number, number], AgentRow>(
    `SELECT ${agentCols} FROM dialler_agents WHERE system_id = ? AND campaign_id = ? AND state = 'ready'
     ORDER BY since, user_id LIMIT 1`,
  );
  const ready = sqlite.prepare<[number, number], { n: number }>(
    `SELECT count(*) AS n FROM dialler_agents WHERE system_id = ? AND campaign_id = ? AND state = 'ready'`,
  );
  const callCols = 'phase, waiting_since, machine, talk_ms, record';
  const getCall = sqlite.prepare<[number, number], CallRow>(
    `SELECT ${callCols} FROM dialler_calls WHERE system_id = ? AND call_id = ?`,
  );
  const putCall = sqlite.prepare<[number, number, number, string, number | null, number, number, string]>(
    `INSERT INTO dialler_calls (system_id, call_id, campaign_id, ${callCols}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (system_id, call_id) DO UPDATE SET campaign_id = excluded.campaign_id, phase = excluded.phase,
       waiting_since = excluded.waiting_since, machine = excluded.machine, talk_ms = excluded.talk_ms,
       record = excluded.record`,
  );
  const deleteCall = sqlite.prepare<[number, number]>('DELETE FROM dialler_calls WHERE system_id = ? AND call_id = ?');
  const inPhase = sqlite.prepare<[number, number, string], { n: number }>(
    'SELECT count(*) AS n FROM dialler_calls WHERE system_id = ? AND campaign_id = ? AND phase = ?',
  );
  const first = sqlite.prepare<[number, number, string], CallRow>(
    `SELECT ${callCols} FROM dialler_calls WHERE system_id = ? AND campaign_id = ? AND phase = ?
     ORDER BY coalesce(waiting_since, 0), call_id LIMIT 1`,
  );

  return {
    runtime(campaignId) {
      const r = getRuntime.get(systemId, campaignId);
      return r ? (JSON.parse(r.runtime) as CampaignRuntime) : undefined;
    },
    saveRuntime(runtime) {
      putRuntime.run(systemId, runtime.campaignId, JSON.stringify(runtime));
    },
    agent(userId) {
      const r = getAgent.get(systemId, userId);
      return r ? toAgent(r) : undefined;
    },
    saveAgent(a) {
      putAgent.run(systemId, a.userId, a.campaignId, a.state, a.since, a.previewLeadId);
    },
    removeAgent(userId) {
      deleteAgent.run(systemId, userId);
    },
    agents(campaignId) {
      return campaignAgents.all(systemId, campaignId).map(toAgent);
    },
    longestIdle(campaignId) {
      const r = idle.get(systemId, campaignId);
      return r ? toAgent(r) : undefined;
    },
    readyCount(campaignId) {
      return ready.get(systemId, campaignId)?.n ?? 0;
    },
    call(callId) {
      const r = getCall.get(systemId, callId);
      return r ? toCall(r) : undefined;
    },
    saveCall(c) {
      putCall.run(
        systemId,
        c.record.callId,
        c.record.campaignId,
        c.phase,
        c.waitingSince,
        c.machine ? 1 : 0,
        c.talkMs,
        JSON.stringify(c.record),
      );
    },
    releaseCall(callId) {
      deleteCall.run(systemId, callId);
    },
    dialling(campaignId) {
      return inPhase.get(systemId, campaignId, 'dialling')?.n ?? 0;
    },
    firstWaiting(campaignId, phase) {
      const r = first.get(systemId, campaignId, phase);
      return r ? toCall(r) : undefined;
    },
    waitingCount(campaignId, phase) {
      return inPhase.get(systemId, campaignId, phase)?.n ?? 0;
    },
  };
}
