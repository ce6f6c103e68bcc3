/**
 * Agents' rows held until the turn's COMMIT: an agent (its `users` columns and `agent_sessions` row) and its dialler
 * row (`dialler_agents`) saved by several commands of one turn are written once, with their last values; a rolled-back
 * command, a failed COMMIT and a system wiped with rows held leave exactly what was committed; every other reader
 * (the directory's `GET /omni/users/{id}`, drizzle, HTTP) sees the held state in the same turn; a restart finds exactly
 * the committed rows.
 *
 * @module
 */

import Database from 'better-sqlite3';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { AgentRecord } from '../../src/engine/agents/agent-store.js';
import type { DiallerAgent } from '../../src/engine/dialler/dialler-store.js';
import { createStores } from '../../src/store/create-stores.js';
import { createTelephonyStores } from '../../src/store/create-telephony-stores.js';
import { pendingWritesOf, prepareUnguarded } from '../../src/store/pending-writes.js';
import { diallerAgents, users } from '../../src/store/schema/index.js';
import { startMock } from '../support/omni-client.js';
import { testSystemRecord } from '../support/test-system.js';
import { trackedDatabases } from '../support/tracked-databases.js';

const dbs = trackedDatabases();

/**
 * A database as the mock opens it, with one system and one user, and a log of every row write to the agent tables
 * (temporary triggers: the log is part of the transaction, so a rolled-back write leaves no line either).
 */
function world(path = ':memory:') {
  const db = dbs.open(path);
  const stores = createStores(db);
  const telephony = createTelephonyStores(db);
  const systemId =
    stores.systems.getByKey('held-agents')?.systemId ?? stores.systems.insert(testSystemRecord('held-agents'));
  if (!stores.users.get(systemId, 7))
    stores.users.insert({
      systemId,
      userId: 7,
      userName: 'agent7',
      passwordHash: '',
      passwordSalt: '',
      extension: '1007',
      webrtcPassword: '',
      agentState: 'logged_out',
      campaignId: 0,
      callId: 0,
      createdAt: 0,
    });
  db.sqlite.exec(`
    CREATE TEMP TABLE writes (at INTEGER PRIMARY KEY, tbl TEXT, id INTEGER, value TEXT);
    CREATE TEMP TRIGGER users_w AFTER UPDATE ON main.users
      BEGIN INSERT INTO writes (tbl, id, value) VALUES ('users', new.user_id, new.agent_state); END;
    CREATE TEMP TRIGGER sessions_i AFTER INSERT ON main.agent_sessions
      BEGIN INSERT INTO writes (tbl, id, value) VALUES ('agent_sessions', new.user_id, new.pause_code); END;
    CREATE TEMP TRIGGER sessions_u AFTER UPDATE ON main.agent_sessions
      BEGIN INSERT INTO writes (tbl, id, value) VALUES ('agent_sessions', new.user_id, new.pause_code); END;
    CREATE TEMP TRIGGER dialler_i AFTER INSERT ON main.dialler_agents
      BEGIN INSERT INTO writes (tbl, id, value) VALUES ('dialler_agents', new.user_id, new.state); END;
    CREATE TEMP TRIGGER dialler_u AFTER UPDATE ON main.dialler_agents
      BEGIN INSERT INTO writes (tbl, id, value) VALUES ('dialler_agents', new.user_id, new.state); END;
    CREATE TEMP TRIGGER dialler_d AFTER DELETE ON main.dialler_agents
      BEGIN INSERT INTO writes (tbl, id, value) VALUES ('dialler_agents', old.user_id, 'deleted'); END;`);
  const log = prepareUnguarded<[], { tbl: string; id: number; value: string }>(
    db.sqlite,
    'SELECT tbl, id, value FROM writes ORDER BY at',
  );
  /** The writes so far, read without writing what is held. */
  const writes = () => log.all().map((w) => `${w.tbl} ${w.id} ${w.value}`);
  /** The agent's columns as the tables hold them, read without writing what is held. */
  const stored = () =>
    prepareUnguarded<[number], Record<string, unknown>>(
      db.sqlite,
      `SELECT u.agent_state AS state, u.call_id AS callId, s.pause_code AS pauseCode, d.state AS diallerState
       FROM users u LEFT JOIN agent_sessions s USING (system_id, user_id) LEFT JOIN dialler_agents d USING (system_id, user_id)
       WHERE u.system_id = ? AND u.user_id = 7`,
    ).get(systemId);
  const agents = telephony.agents;
  const dialler = telephony.diallerPorts(systemId).store;
  // The dialler fills its memory of the system's agents on first use (reading their rows, held ones written first).
  expect(dialler.agents(3)).toEqual([]);
  const agent = (over: Partial<AgentRecord> = {}): AgentRecord => ({
    ...(agents.get(systemId, 7) as AgentRecord),
    ...over,
  });
  const diallerAgent = (state: DiallerAgent['state'], since = 0): DiallerAgent => ({
    userId: 7,
    campaignId: 3,
    state,
    since,
    previewLeadId: 0,
  });
  return { db, stores, systemId, agents, dialler, agent, diallerAgent, writes, stored };
}

describe('agents held for the COMMIT', () => {
  it('saved by several commands of one turn: nothing written before the COMMIT, then one write each, the last values', async () => {
    const { stores, agents, dialler, agent, diallerAgent, writes, stored, systemId } = world();
    stores.tx.run(() => {
      agents.save(agent({ state: 'ready', campaignId: 3 }));
      dialler.saveAgent(diallerAgent('ready'));
    });
    stores.tx.run(() => {
      agents.save(agent({ state: 'on_call', callId: 11 }));
      dialler.saveAgent(diallerAgent('on_call', 5));
    });
    stores.tx.run(() => {
      agents.save(agent({ state: 'paused', callId: 0, pauseCode: 'LUNCH' }));
      dialler.saveAgent(diallerAgent('paused', 9));
    });
    // The next command of the turn reads what it held.
    expect(agents.get(systemId, 7)?.state).toBe('paused');
    expect(dialler.agent(7)?.state).toBe('paused');
    expect(writes()).toEqual([]);
    await stores.tx.durable();
    expect(writes().sort()).toEqual(['agent_sessions 7 LUNCH', 'dialler_agents 7 paused', 'users 7 paused']);
    expect(stored()).toEqual({ state: 'paused', callId: 0, pauseCode: 'LUNCH', diallerState: 'paused' });
  });

  it('a save writes only the tables whose columns changed', async () => {
    const { stores, agents, agent, writes } = world();
    stores.tx.run(() => agents.save(agent({ state: 'paused', pauseCode: 'BRK' })));
    await stores.tx.durable();
    stores.tx.run(() => agents.save(agent({ state: 'ready', campaignId: 3 })));
    await stores.tx.durable();
    stores.tx.run(() => agents.save(agent({ pauseCode: 'LUNCH' })));
    await stores.tx.durable();
    expect(writes()).toEqual(['users 7 paused', 'agent_sessions 7 BRK', 'users 7 ready', 'agent_sessions 7 LUNCH']);
  });

  it('a save that changes nothing writes nothing; one removed after being saved in the same turn is only deleted', async () => {
    const { stores, agents, dialler, agent, diallerAgent, writes } = world();
    stores.tx.run(() => dialler.saveAgent(diallerAgent('ready')));
    await stores.tx.durable();
    stores.tx.run(() => {
      agents.save(agent());
      dialler.saveAgent(diallerAgent('ready'));
    });
    await stores.tx.durable();
    expect(writes()).toEqual(['dialler_agents 7 ready']);
    stores.tx.run(() => dialler.saveAgent(diallerAgent('wrap_up', 3)));
    stores.tx.run(() => dialler.removeAgent(7));
    await stores.tx.durable();
    expect(writes()).toEqual(['dialler_agents 7 ready', 'dialler_agents 7 deleted']);
    expect(dialler.agent(7)).toBeUndefined();
  });

  it('a command that rolls back after a read wrote the held rows: the earlier commands are written, its own are not', async () => {
    const { stores, agents, dialler, agent, diallerAgent, writes, stored, systemId } = world();
    stores.tx.run(() => {
      agents.save(agent({ state: 'ready', campaignId: 3 }));
      dialler.saveAgent(diallerAgent('ready'));
    });
    expect(() =>
      stores.tx.run(() => {
        agents.save(agent({ state: 'on_call', callId: 12 }));
        dialler.saveAgent(diallerAgent('on_call', 4));
        // The directory's read names `users`: the held rows are written first, inside this savepoint.
        expect(stores.users.get(systemId, 7)?.agentState).toBe('on_call');
        expect(writes()).not.toEqual([]);
        throw new Error('the command fails');
      }),
    ).toThrow('the command fails');
    expect(agents.get(systemId, 7)?.state).toBe('ready');
    expect(dialler.agent(7)?.state).toBe('ready');
    await stores.tx.durable();
    expect(writes().sort()).toEqual(['dialler_agents 7 ready', 'users 7 ready']);
    expect(stored()).toMatchObject({ state: 'ready', callId: 0, diallerState: 'ready' });
  });

  it('a failed COMMIT writes nothing and memory forgets the turn', async () => {
    const { db, stores, agents, dialler, agent, diallerAgent, stored, systemId } = world();
    db.sqlite.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)`);
    stores.tx.run(() => {
      agents.save(agent({ state: 'ready', campaignId: 3 }));
      dialler.saveAgent(diallerAgent('ready'));
    });
    // A deferred foreign key is checked at COMMIT: this turn cannot commit.
    stores.tx.run(() => db.sqlite.prepare('INSERT INTO child (p) VALUES (42)').run());
    await expect(stores.tx.durable()).rejects.toThrow(/FOREIGN KEY/);
    expect(stored()).toEqual({ state: 'logged_out', callId: 0, pauseCode: null, diallerState: null });
    expect(agents.get(systemId, 7)?.state).toBe('logged_out');
    expect(dialler.agent(7)).toBeUndefined();
  });

  it("a system wiped with rows held: the wipe deletes them, nothing comes back, memory forgets the system's agents", async () => {
    const { db, stores, agents, dialler, agent, diallerAgent, systemId } = world();
    stores.tx.run(() => {
      agents.save(agent({ state: 'ready', campaignId: 3 }));
      dialler.saveAgent(diallerAgent('ready'));
    });
    stores.tx.run(() => stores.systems.wipeData(systemId));
    expect(agents.get(systemId, 7)).toBeUndefined();
    expect(dialler.agent(7)).toBeUndefined();
    await stores.tx.durable();
    const count = (table: string) =>
      db.sqlite.prepare(`SELECT count(*) FROM ${table} WHERE system_id = ?`).pluck().get(systemId);
    expect([count('users'), count('agent_sessions'), count('dialler_agents')]).toEqual([0, 0, 0]);
  });

  it('readers of the same turn see the held state: the directory, drizzle, and a statement naming the table', () => {
    const { db, stores, agents, dialler, agent, diallerAgent, systemId } = world();
    let readWhileOpen = 0;
    // Told of every write of the held rows; counts those a reader caused (before the group commit's own).
    pendingWritesOf(db.sqlite).register({
      tables: [],
      mark: () => undefined,
      undo: () => {},
      flush: () => {
        if (stores.tx.pending()) readWhileOpen++;
      },
      settle: () => {},
    });
    stores.tx.run(() => {
      agents.save(agent({ state: 'paused', campaignId: 3, pauseCode: 'BRK' }));
      dialler.saveAgent(diallerAgent('paused', 2));
    });
    expect(stores.users.get(systemId, 7)).toMatchObject({ agentState: 'paused', campaignId: 3 });
    expect(
      db.db
        .select({ state: diallerAgents.state })
        .from(diallerAgents)
        .where(and(eq(diallerAgents.systemId, systemId), eq(diallerAgents.userId, 7)))
        .get(),
    ).toEqual({ state: 'paused' });
    expect(
      db.db
        .select({ state: users.agentState })
        .from(users)
        .where(and(eq(users.systemId, systemId), eq(users.userId, 7)))
        .get(),
    ).toEqual({ state: 'paused' });
    expect(db.sqlite.prepare('SELECT pause_code FROM agent_sessions WHERE user_id = 7').pluck().get()).toBe('BRK');
    expect(readWhileOpen).toBeGreaterThan(0);
    stores.tx.flush();
  });

  it('a restart finds exactly the committed rows: a turn that never committed leaves nothing', () => {
    const file = dbs.tempFile('omni-held-agents-', 'held.db');
    const first = world(file);
    first.stores.tx.run(() => {
      first.agents.save(first.agent({ state: 'ready', campaignId: 3 }));
      first.dialler.saveAgent(first.diallerAgent('ready'));
    });
    first.stores.tx.flush();
    first.stores.tx.run(() => {
      first.agents.save(first.agent({ state: 'on_call', callId: 40 }));
      first.dialler.saveAgent(first.diallerAgent('on_call', 8));
    });
    // The process dies before the turn's COMMIT.
    first.db.sqlite.close();
    dbs.forget(first.db);
    const again = new Database(file, { readonly: true });
    try {
      expect(
        again
          .prepare(
            `SELECT u.agent_state AS state, u.call_id AS callId, d.state AS diallerState
             FROM users u JOIN dialler_agents d USING (system_id, user_id) WHERE u.user_id = 7`,
          )
          .all(),
      ).toEqual([{ state: 'ready', callId: 0, diallerState: 'ready' }]);
    } finally {
      again.close();
    }
  });
});

describe('agents held for the COMMIT, through HTTP', () => {
  it('GET /omni/users/{id} in the turn an agent was saved answers the held state', async () => {
    const { mock, client } = await startMock();
    try {
      const { token, userId } = await client.authorize('agent1');
      const { stores, telephony } = mock.services;
      const systemId = stores.systems.getByKey(mock.defaultSystemKey)?.systemId as number;
      stores.tx.run(() => {
        const a = telephony.agents.get(systemId, userId) as AgentRecord;
        telephony.agents.save({ ...a, state: 'paused', campaignId: 1, pauseCode: 'BRK' });
      });
      expect(stores.tx.pending()).toBe(true);
      const answer = await client.request('GET', `/omni/users/${userId}`, { token });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ agent_state: 'paused', campaign_id: 1 });
    } finally {
      await mock.close();
    }
  });
});
