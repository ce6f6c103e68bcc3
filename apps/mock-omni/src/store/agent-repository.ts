import type { AgentState } from '@omnikit/contracts';
import type Database from 'better-sqlite3';
import type { AgentRecord, AgentStore, ResumeState } from '../engine/agents/agent-store.js';

interface Row {
  systemId: number;
  userId: number;
  userName: string;
  extension: string;
  state: string;
  campaignId: number;
  callId: number;
  pauseCode: string | null;
  resumeState: string | null;
  bridgeId: string | null;
  loggedInAt: number | null;
}

const SELECT = `SELECT u.system_id AS systemId, u.user_id AS userId, u.user_name AS userName, u.extension,
  u.agent_state AS state, u.campaign_id AS campaignId, u.call_id AS callId, s.pause_code AS pauseCode,
  s.resume_state AS resumeState, s.bridge_id AS bridgeId, s.logged_in_at AS loggedInAt
  FROM users u LEFT JOIN agent_sessions s ON s.system_id = u.system_id AND s.user_id = u.user_id`;

function toRecord(r: Row): AgentRecord {
  return {
    systemId: r.systemId,
    userId: r.userId,
    userName: r.userName,
    extension: r.extension,
    state: r.state as AgentState,
    campaignId: r.campaignId,
    callId: r.callId,
    pauseCode: r.pauseCode ?? '',
    resumeState: (r.resumeState ?? 'paused') as ResumeState,
    bridgeId: r.bridgeId ?? '',
    loggedInAt: r.loggedInAt,
  };
}

/**
 * Agents on the users table (whose `agent_state`, `campaign_id` and `call_id` the directory's
 * `GET /omni/users/{user_id}` reads) and `agent_sessions` for the rest of the session.
 */
export function createAgentRepository(sqlite: Database.Database): AgentStore {
  const get = sqlite.prepare<[number, number], Row>(`${SELECT} WHERE u.system_id = ? AND u.user_id = ?`);
  const byExtension = sqlite.prepare<[number, string], Row>(`${SELECT} WHERE u.system_id = ? AND u.extension = ?`);
  const saveUser = sqlite.prepare<[string, number, number, number, number]>(
    'UPDATE users SET agent_state = ?, campaign_id = ?, call_id = ? WHERE system_id = ? AND user_id = ?',
  );
  const saveSession = sqlite.prepare<[number, number, string, string, string, number | null]>(
    `INSERT INTO agent_sessions (system_id, user_id, pause_code, resume_state, bridge_id, logged_in_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (system_id, user_id) DO UPDATE SET pause_code = excluded.pause_code,
       resume_state = excluded.resume_state, bridge_id = excluded.bridge_id, logged_in_at = excluded.logged_in_at`,
  );
  return {
    get(systemId, userId) {
      const r = get.get(systemId, userId);
      return r ? toRecord(r) : undefined;
    },
    findByExtension(systemId, extension) {
      const r = byExtension.get(systemId, extension);
      return r ? toRecord(r) : undefined;
    },
    save(a) {
      saveUser.run(a.state, a.campaignId, a.callId, a.systemId, a.userId);
      saveSession.run(a.systemId, a.userId, a.pauseCode, a.resumeState, a.bridgeId, a.loggedInAt);
    },
  };
}
