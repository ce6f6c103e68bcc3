import type { AgentState } from '@omnikit/contracts';
import type Database from 'better-sqlite3';
import type { ArrivalSettings } from '../engine/dialler/arrival-process.js';
import type {
  CampaignRuntime,
  DiallerAgent,
  DiallerCall,
  DiallerCallPhase,
  DiallerStore,
} from '../engine/dialler/dialler-store.js';
import { CALL_RECORD_COLUMNS, type CallRecordRow, callRecordOf, fromCallRecordRow } from './call-columns.js';
import { callRowCacheOf } from './call-row-cache.js';
import { coalescedWritesOf } from './coalesced-writes.js';
import { diallerCallWritesOf } from './dialler-call-writes.js';
import { diallerStateMirrorOf } from './dialler-state-mirror.js';
import { prepareUnguarded } from './pending-writes.js';
import { sameRuntime } from './same-runtime.js';

interface AgentRow {
  user_id: number;
  campaign_id: number;
  state: string;
  since: number;
  preview_lead_id: number;
}

/** The columns of `dialler_campaign_state` after `system_id`, in `saveRuntime`'s order. */
const RUNTIME_COLUMNS = [
  'campaign_id',
  'since',
  'dials',
  'connects',
  'machines',
  'drops',
  'inbound_offered',
  'inbound_answered',
  'abandoned',
  'asa_total_ms',
  'handled',
  'handle_total_ms',
  'ready_ms',
  'on_call_ms',
  'wrap_up_ms',
  'paused_ms',
  'dispositions',
  'resolved',
  'need_agent',
  'answer_delay_ms',
  'answered',
  'lines_per_agent',
  'gain',
  'arrival_settings',
  'arrival_seq',
  'arrival_arrived',
  'arrival_next_at',
  'wake_at',
] as const;

interface RuntimeRow {
  rev: number;
  since: number;
  dials: number;
  connects: number;
  machines: number;
  drops: number;
  inbound_offered: number;
  inbound_answered: number;
  abandoned: number;
  asa_total_ms: number;
  handled: number;
  handle_total_ms: number;
  ready_ms: number;
  on_call_ms: number;
  wrap_up_ms: number;
  paused_ms: number;
  dispositions: string;
  resolved: number;
  need_agent: number;
  answer_delay_ms: number;
  answered: number;
  lines_per_agent: number;
  gain: number;
  arrival_settings: string | null;
  arrival_seq: number;
  arrival_arrived: number;
  arrival_next_at: number | null;
  wake_at: number | null;
}

/** A copy the engine may change without touching the original (the arrival settings are never changed). */
function copyRuntime(r: CampaignRuntime): CampaignRuntime {
  return {
    campaignId: r.campaignId,
    stats: { ...r.stats, agentMs: { ...r.stats.agentMs }, dispositions: { ...r.stats.dispositions } },
    pacing: { ...r.pacing },
    arrival: r.arrival ? { ...r.arrival } : null,
    wakeAt: r.wakeAt,
  };
}

/** A `dialler_calls` row joined with its `calls` row (the record's columns). */
interface CallRow extends CallRecordRow {
  phase: string;
  waiting_since: number | null;
  answering_machine: number;
  talk_ms: number;
}

const toAgent = (r: AgentRow): DiallerAgent => ({
  userId: r.user_id,
  campaignId: r.campaign_id,
  state: r.state as AgentState,
  since: r.since,
  previewLeadId: r.preview_lead_id,
});

const toCall = (r: CallRow): DiallerCall => ({
  record: fromCallRecordRow(r),
  phase: r.phase as DiallerCallPhase,
  waitingSince: r.waiting_since,
  machine: r.answering_machine === 1,
  talkMs: r.talk_ms,
});

type SqlValue = string | number | null;

/**
 * The dialler's working state on SQLite for one system (`dialler_agents`, `dialler_calls`,
 * `dialler_campaign_state`): the longest-idle agent and the longest-waiting call are one query each on
 * their indexes. A call's record is its `calls` row, written at every step the dialler takes and
 * left there when the dialler lets go, so every dialler call — taken by an agent or not — can be
 * read like any call. Runs inside the caller's transaction.
 */
export function createDiallerStateRepository(sqlite: Database.Database, systemId: number): DiallerStore {
  const getRuntime = sqlite.prepare<[number, number], RuntimeRow>(
    `SELECT rev, ${RUNTIME_COLUMNS.join(', ')} FROM dialler_campaign_state WHERE system_id = ? AND campaign_id = ?`,
  );
  // Its own held write, and deletes that cascade nowhere: these need not write the held rows first.
  const putRuntime = prepareUnguarded<SqlValue[], number>(
    sqlite,
    `INSERT INTO dialler_campaign_state (system_id, rev, ${RUNTIME_COLUMNS.join(', ')})
       VALUES (?, 1, ${RUNTIME_COLUMNS.map(() => '?').join(', ')})
       ON CONFLICT (system_id, campaign_id) DO UPDATE SET rev = rev + 1,
         ${RUNTIME_COLUMNS.slice(1)
           .map((c) => `${c} = excluded.${c}`)
           .join(', ')}
       RETURNING rev`,
  ).pluck();
  // A call's record is its `calls` row; `dialler_calls` holds the dialler's hold on it. Both are held for the COMMIT.
  const calls = callRowCacheOf(sqlite);
  const callWrites = diallerCallWritesOf(sqlite);
  const coalesced = coalescedWritesOf(sqlite, 'dialler_campaign_state');
  /**
   * The mirror of this system's rows (its runtimes: per campaign, a copy as last read or written, with the row's
   * `rev`); a rollback empties it (its epoch moves), and the rows are read again.
   */
  const mirrorOf = () => diallerStateMirrorOf(sqlite, systemId);
  /**
   * Per campaign, the arrival settings last read or written, with their JSON: they change only when
   * the process is set, so a command neither parses nor serialises them. Keyed by the JSON read
   * back, so a rolled-back write is never taken for the stored value.
   */
  const settingsSeen = new Map<number, { json: string; settings: ArrivalSettings }>();
  const settingsFrom = (campaignId: number, json: string): ArrivalSettings => {
    const seen = settingsSeen.get(campaignId);
    if (seen?.json === json) return seen.settings;
    const settings = JSON.parse(json) as ArrivalSettings;
    settingsSeen.set(campaignId, { json, settings });
    return settings;
  };
  const settingsJson = (campaignId: number, settings: ArrivalSettings): string => {
    const seen = settingsSeen.get(campaignId);
    if (seen?.settings === settings) return seen.json;
    const json = JSON.stringify(settings);
    settingsSeen.set(campaignId, { json, settings });
    return json;
  };
  const agentCols = 'user_id, campaign_id, state, since, preview_lead_id';
  // An agent's row is held for the COMMIT, written once with its last values (or deleted): these are its writes.
  const heldAgents = coalescedWritesOf(sqlite, 'dialler_agents');
  const putAgent = prepareUnguarded<[number, number, number, string, number, number]>(
    sqlite,
    `INSERT INTO dialler_agents (system_id, ${agentCols}) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (system_id, user_id) DO UPDATE SET campaign_id = excluded.campaign_id, state = excluded.state,
       since = excluded.since, preview_lead_id = excluded.preview_lead_id`,
  );
  const deleteAgent = prepareUnguarded<[number, number]>(
    sqlite,
    'DELETE FROM dialler_agents WHERE system_id = ? AND user_id = ?',
  );
  const allAgents = sqlite.prepare<[number], AgentRow>(`SELECT ${agentCols} FROM dialler_agents WHERE system_id = ?`);
  // The record lives in `calls` (what `GET` of a call reads); `dialler_calls` holds the dialler's hold on it.
  const callCols = `d.phase, d.waiting_since, d.machine AS answering_machine, d.talk_ms,
    ${CALL_RECORD_COLUMNS.map(([c, f]) => `c.${c} AS ${f}`).join(', ')}`;
  const joined = `dialler_calls AS d JOIN calls AS c ON c.system_id = d.system_id AND c.call_id = d.call_id`;
  const allCalls = sqlite.prepare<[number], CallRow>(`SELECT ${callCols} FROM ${joined} WHERE d.system_id = ?`);
  /** The system's agents, as their rows stand. */
  const agentsNow = (): Map<number, DiallerAgent> => {
    const mirror = mirrorOf();
    if (!mirror.agents) mirror.agents = new Map(allAgents.all(systemId).map((r) => [r.user_id, toAgent(r)]));
    return mirror.agents;
  };
  /** The calls the dialler holds, with their records, as their rows stand. */
  const callsNow = (): Map<number, DiallerCall> => {
    const mirror = mirrorOf();
    if (!mirror.calls) mirror.calls = new Map(allCalls.all(systemId).map((r) => [r.callId, toCall(r)]));
    return mirror.calls;
  };
  const countCalls = (campaignId: number, phase: DiallerCallPhase): number => {
    let n = 0;
    for (const c of callsNow().values()) if (c.phase === phase && c.record.campaignId === campaignId) n++;
    return n;
  };

  /** Writes a campaign's runtime row (upsert; `rev` counts the writes). */
  const writeRuntime = (runtime: CampaignRuntime): void => {
    const { campaignId, stats, pacing, arrival, wakeAt } = runtime;
    const rev = putRuntime.get(
      systemId,
      campaignId,
      stats.since,
      stats.dials,
      stats.connects,
      stats.machines,
      stats.drops,
      stats.inboundOffered,
      stats.inboundAnswered,
      stats.abandoned,
      stats.asaTotalMs,
      stats.handled,
      stats.handleTotalMs,
      stats.agentMs.ready,
      stats.agentMs.on_call,
      stats.agentMs.wrap_up,
      stats.agentMs.paused,
      JSON.stringify(stats.dispositions),
      pacing.resolved,
      pacing.needAgent,
      pacing.answerDelayMs,
      pacing.answered,
      pacing.linesPerAgent,
      pacing.gain,
      arrival ? settingsJson(campaignId, arrival.settings) : null,
      arrival?.seq ?? 0,
      arrival?.arrived ?? 0,
      arrival?.nextAt ?? null,
      wakeAt,
    );
    if (rev === undefined) throw new Error(`campaign ${campaignId}'s runtime was not written`);
  };

  return {
    runtime(campaignId) {
      const known = mirrorOf().runtimes;
      const mine = known.get(campaignId);
      if (mine) return copyRuntime(mine);
      // A runtime held for the COMMIT is in the table before it is read from there.
      coalesced.flush();
      const r = getRuntime.get(systemId, campaignId);
      if (!r) return undefined;
      const runtime: CampaignRuntime = {
        campaignId,
        stats: {
          since: r.since,
          dials: r.dials,
          connects: r.connects,
          machines: r.machines,
          drops: r.drops,
          inboundOffered: r.inbound_offered,
          inboundAnswered: r.inbound_answered,
          abandoned: r.abandoned,
          asaTotalMs: r.asa_total_ms,
          handled: r.handled,
          handleTotalMs: r.handle_total_ms,
          agentMs: { ready: r.ready_ms, on_call: r.on_call_ms, wrap_up: r.wrap_up_ms, paused: r.paused_ms },
          dispositions: JSON.parse(r.dispositions) as Record<string, number>,
        },
        pacing: {
          resolved: r.resolved,
          needAgent: r.need_agent,
          answerDelayMs: r.answer_delay_ms,
          answered: r.answered,
          linesPerAgent: r.lines_per_agent,
          gain: r.gain,
        },
        arrival:
          r.arrival_settings === null
            ? null
            : {
                settings: settingsFrom(campaignId, r.arrival_settings),
                seq: r.arrival_seq,
                arrived: r.arrival_arrived,
                nextAt: r.arrival_next_at,
              },
        wakeAt: r.wake_at,
      };
      known.set(campaignId, copyRuntime(runtime));
      return runtime;
    },
    saveRuntime(runtime) {
      const { campaignId } = runtime;
      // Unchanged since it was read or saved (and not rolled back since): no write.
      const known = mirrorOf().runtimes;
      const mine = known.get(campaignId);
      if (mine && sameRuntime(mine, runtime)) return;
      // Handed over (DiallerStore.saveRuntime): kept as it is, no copy. A command changes only the copy `runtime()`
      // gave it, so what is kept and held here stays as saved even when a later command fails.
      const saved = runtime;
      // In a group-commit turn the row is written once, with the turn's last values, before its COMMIT.
      if (coalesced.holding()) coalesced.hold(`runtime:${systemId}:${campaignId}`, () => writeRuntime(saved));
      else writeRuntime(saved);
      known.set(campaignId, saved);
    },
    agent(userId) {
      const a = agentsNow().get(userId);
      return a ? { ...a } : undefined;
    },
    saveAgent(a) {
      const saved: DiallerAgent = {
        userId: a.userId,
        campaignId: a.campaignId,
        state: a.state,
        since: a.since,
        previewLeadId: a.previewLeadId,
      };
      const mirrored = mirrorOf().agents;
      const known = mirrored?.get(a.userId);
      if (known && sameDiallerAgent(known, saved)) return;
      const write = () =>
        putAgent.run(systemId, saved.userId, saved.campaignId, saved.state, saved.since, saved.previewLeadId);
      if (heldAgents.holding()) heldAgents.hold(`${systemId}/${a.userId}`, write);
      else write();
      mirrored?.set(a.userId, saved);
    },
    removeAgent(userId) {
      const write = () => deleteAgent.run(systemId, userId);
      if (heldAgents.holding()) heldAgents.hold(`${systemId}/${userId}`, write);
      else write();
      mirrorOf().agents?.delete(userId);
    },
    agents(campaignId) {
      const out: DiallerAgent[] = [];
      for (const a of agentsNow().values()) if (a.campaignId === campaignId) out.push({ ...a });
      return out.sort((a, b) => a.userId - b.userId);
    },
    longestIdle(campaignId) {
      let best: DiallerAgent | undefined;
      for (const a of agentsNow().values()) {
        if (a.campaignId !== campaignId || a.state !== 'ready') continue;
        if (!best || a.since < best.since || (a.since === best.since && a.userId < best.userId)) best = a;
      }
      return best ? { ...best } : undefined;
    },
    readyCount(campaignId) {
      let n = 0;
      for (const a of agentsNow().values()) if (a.campaignId === campaignId && a.state === 'ready') n++;
      return n;
    },
    call(callId) {
      const c = callsNow().get(callId);
      return c ? { ...c } : undefined;
    },
    saveCall(c) {
      const { callId, campaignId } = c.record;
      const held = callsNow();
      calls.putRecord(systemId, c.record);
      callWrites.put(systemId, callId, held.has(callId), {
        campaignId,
        phase: c.phase,
        waitingSince: c.waitingSince,
        machine: c.machine ? 1 : 0,
        talkMs: c.talkMs,
      });
      held.set(callId, {
        record: callRecordOf(c.record),
        phase: c.phase,
        waitingSince: c.waitingSince,
        machine: c.machine,
        talkMs: c.talkMs,
      });
    },
    holds: (callId) => callsNow().has(callId),
    releaseCall(callId, last) {
      const held = callsNow();
      callWrites.remove(systemId, callId, held.has(callId));
      held.delete(callId);
      calls.putRecord(systemId, last);
    },
    dialling: (campaignId) => countCalls(campaignId, 'dialling'),
    firstWaiting(campaignId, phase) {
      let best: DiallerCall | undefined;
      for (const c of callsNow().values()) {
        if (c.phase !== phase || c.record.campaignId !== campaignId) continue;
        const since = c.waitingSince ?? 0;
        const bestSince = best?.waitingSince ?? 0;
        if (!best || since < bestSince || (since === bestSince && c.record.callId < best.record.callId)) best = c;
      }
      return best ? { ...best } : undefined;
    },
    waitingCount: (campaignId, phase) => countCalls(campaignId, phase),
  };
}

const sameDiallerAgent = (a: DiallerAgent, b: DiallerAgent): boolean =>
  a.campaignId === b.campaignId && a.state === b.state && a.since === b.since && a.previewLeadId === b.previewLeadId;
