import type { AgentState } from '@omnikit/contracts';
import type Database from 'better-sqlite3';
import type { AgentRecord, AgentStore, ResumeState } from '../engine/agents/agent-store.js';
import { coalescedWritesOf } from './coalesced-writes.js';
import { EpochMemory } from './epoch-memory.js';
import { prepareUnguarded } from './pending-writes.js';
import { writeEpochOf } from './write-epoch.js';

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

/** Agents kept in memory at most: beyond, memory starts again. */
const LIMIT = 4_096;

/** The agents a connection has read or written, as their rows stand with what is held for them. */
const memories = new WeakMap<Database.Database, EpochMemory<Readonly<AgentRecord>>>();

/**
 * Agents on the users table (whose `agent_state`, `campaign_id` and `call_id` the directory's
 * `GET /omni/users/{user_id}` reads) and `agent_sessions` for the rest of the session. An agent's
 * rows are written once a turn, with its last state, at the group commit's COMMIT (store/coalesced-writes.ts);
 * any other statement naming those tables sees them through the read barrier. The agents read or
 * written are kept in memory (per connection) until the write epoch moves (a rollback, a failed COMMIT,
 * a system wiped): an agent's next step reads no SQL, and a save that changes nothing writes nothing.
 */
export function createAgentRepository(sqlite: Database.Database): AgentStore {
  // Its own reads (after writing what it holds, and nobody else holds these tables) and its held writes.
  const get = prepareUnguarded<[number, number], Row>(sqlite, `${SELECT} WHERE u.system_id = ? AND u.user_id = ?`);
  const byExtension = prepareUnguarded<[number, string], Row>(
    sqlite,
    `${SELECT} WHERE u.system_id = ? AND u.extension = ?`,
  );
  const saveUser = prepareUnguarded<[string, number, number, number, number]>(
    sqlite,
    'UPDATE users SET agent_state = ?, campaign_id = ?, call_id = ? WHERE system_id = ? AND user_id = ?',
  );
  const saveSession = prepareUnguarded<[number, number, string, string, string, number | null]>(
    sqlite,
    `INSERT INTO agent_sessions (system_id, user_id, pause_code, resume_state, bridge_id, logged_in_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (system_id, user_id) DO UPDATE SET pause_code = excluded.pause_code,
       resume_state = excluded.resume_state, bridge_id = excluded.bridge_id, logged_in_at = excluded.logged_in_at`,
  );
  const heldUsers = coalescedWritesOf(sqlite, 'users');
  const heldSessions = coalescedWritesOf(sqlite, 'agent_sessions');
  let memory = memories.get(sqlite);
  if (!memory) {
    memory = new EpochMemory(writeEpochOf(sqlite), LIMIT);
    memories.set(sqlite, memory);
  }
  const rows = memory;
  const keep = (a: AgentRecord): Readonly<AgentRecord> =>
    rows.set(`${a.systemId}/${a.userId}`, Object.freeze({ ...a }));
  /** A read memory missed: what this repository holds is written first, so the row is the truth. */
  const read = (r: Row | undefined): AgentRecord | undefined => {
    if (!r) return undefined;
    return { ...keep(toRecord(r)) };
  };
  const flushHeld = () => {
    heldUsers.flush();
    heldSessions.flush();
  };
  return {
    get(systemId, userId) {
      const known = rows.get(`${systemId}/${userId}`);
      if (known) return { ...known };
      flushHeld();
      return read(get.get(systemId, userId));
    },
    findByExtension(systemId, extension) {
      flushHeld();
      return read(byExtension.get(systemId, extension));
    },
    save(a) {
      const key = `${a.systemId}/${a.userId}`;
      const known = rows.get(key);
      // Each table only when its columns changed: memory is the rows with what is held for them.
      const user = !known || !sameUser(known, a);
      const session = !known || !sameSession(known, a);
      if (!user && !session) return;
      const kept = keep(a);
      const writeUser = () => saveUser.run(kept.state, kept.campaignId, kept.callId, kept.systemId, kept.userId);
      const writeSession = () =>
        saveSession.run(kept.systemId, kept.userId, kept.pauseCode, kept.resumeState, kept.bridgeId, kept.loggedInAt);
      if (heldUsers.holding()) {
        if (user) heldUsers.hold(key, writeUser);
        if (session) heldSessions.hold(key, writeSession);
      } else {
        if (user) writeUser();
        if (session) writeSession();
      }
    },
  };
}

/** The agent's columns of `users` are the same. */
const sameUser = (a: Readonly<AgentRecord>, b: AgentRecord): boolean =>
  a.state === b.state && a.campaignId === b.campaignId && a.callId === b.callId;

/** Its `agent_sessions` row is the same. */
const sameSession = (a: Readonly<AgentRecord>, b: AgentRecord): boolean =>
  a.pauseCode === b.pauseCode &&
  a.resumeState === b.resumeState &&
  a.bridgeId === b.bridgeId &&
  a.loggedInAt === b.loggedInAt;
