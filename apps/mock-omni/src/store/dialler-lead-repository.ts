import type Database from 'better-sqlite3';
import { isPriorityLead } from '../engine/dialler/lead-policy.js';
import type { DiallerLead, LeadSource } from '../engine/dialler/lead-source.js';
import type { LeadPhone } from '../engine/ports.js';
import { callRowCacheOf } from './call-row-cache.js';
import { dueTimesOf } from './dialler-due-times.js';
import { leadRowsOf } from './lead-rows.js';
import { prepareUnguarded } from './pending-writes.js';
import { writeEpochOf } from './write-epoch.js';

/** Per connection and system, when the dialler last adopted new leads: the epoch and the system's additions then. */
const lastLooks = new WeakMap<Database.Database, Map<number, string>>();
function lookedOf(sqlite: Database.Database): Map<number, string> {
  let looked = lastLooks.get(sqlite);
  if (!looked) {
    looked = new Map();
    lastLooks.set(sqlite, looked);
  }
  return looked;
}

/**
 * The dialler's lead port on SQLite, for one system: the lead's fields live in `leads` (written by
 * the directory), the dialler's own in `dialler_leads` (due time, priority, holder). A lead gets
 * its `dialler_leads` row the first time the dialler looks: every lead above the highest id adopted so
 * far is copied in, one indexed statement, with the engine's initial due time (`initialDueAt`: the
 * first number's `schedule_call_at`, else the lead's creation; never for a `DNC` lead or one with no
 * number) computed in SQL. "The next lead" is then one query on the partial index
 * `dialler_leads_next`. Runs inside the caller's transaction, like every store. A lead's row is read and written
 * through the connection's memory of lead rows (store/lead-rows.ts: its outcome is written once a turn, at the
 * COMMIT), its due time through `dialler-due-times.ts`. A `CALLBK` lead's `callbackNumber` is the number of the call
 * its `last_call_id` names (store/call-row-cache.ts), so it follows every writer of `last_call_id` (the dialler, an
 * agent's call with `lead_id`, a shotgun race's winner); it is never stored.
 */
export function createDiallerLeadRepository(sqlite: Database.Database, systemId: number): LeadSource {
  const adopt = sqlite.prepare<[number, number]>(
    `INSERT OR IGNORE INTO dialler_leads (system_id, lead_id, list_id, priority, due_at, holder)
     SELECT l.system_id, l.lead_id, l.list_id,
       EXISTS (SELECT 1 FROM json_each(l.phones) AS p WHERE json_extract(p.value, '$.high_priority') = 1),
       CASE WHEN l.status = 'DNC' OR json_array_length(l.phones) = 0 THEN NULL
            ELSE coalesce(json_extract(l.phones, '$[0].schedule_call_at'), l.created_at) END,
       NULL
     FROM leads AS l WHERE l.system_id = ? AND l.lead_id > ?`,
  );
  // The highest lead id of the directory, and of the leads the dialler has adopted: both read from
  // the database, so a command that adopted leads and then rolled back leaves nothing to believe.
  // This and the other hot reads below see of `leads` only which rows exist (or, for the DNC check, rows
  // whose status is DNC), never what a held write changes (store/lead-rows.ts): they need not write it first.
  const highest = prepareUnguarded<[number, number], { leads: number | null; adopted: number | null }>(
    sqlite,
    `SELECT (SELECT max(lead_id) FROM leads WHERE system_id = ?) AS leads,
            (SELECT max(lead_id) FROM dialler_leads WHERE system_id = ?) AS adopted`,
  );
  // Per list and priority, so each query walks the partial index `dialler_leads_next` in order.
  const nextStmt = prepareUnguarded<[number, number, number, number], { lead_id: number; due_at: number }>(
    sqlite,
    `SELECT d.lead_id, d.due_at FROM dialler_leads AS d
     WHERE d.system_id = ? AND d.list_id = ? AND d.priority = ? AND d.holder IS NULL AND d.due_at IS NOT NULL
       AND d.due_at <= ?
       AND EXISTS (SELECT 1 FROM leads AS l WHERE l.system_id = d.system_id AND l.lead_id = d.lead_id)
     ORDER BY d.due_at, d.lead_id LIMIT 1`,
  );
  const nextDueStmt = sqlite.prepare<[number, number, number], { m: number | null }>(
    `SELECT min(d.due_at) AS m FROM dialler_leads AS d
     WHERE d.system_id = ? AND d.list_id = ? AND d.priority = ? AND d.holder IS NULL AND d.due_at IS NOT NULL`,
  );
  const saveDialler = sqlite.prepare<[number, number, number, number, number | null]>(
    `INSERT INTO dialler_leads (system_id, lead_id, list_id, priority, due_at, holder) VALUES (?, ?, ?, ?, ?, NULL)
     ON CONFLICT (system_id, lead_id) DO UPDATE SET list_id = excluded.list_id, priority = excluded.priority,
       due_at = excluded.due_at`,
  );
  const dueStmt = sqlite.prepare<[number, number], { due_at: number | null }>(
    'SELECT due_at FROM dialler_leads WHERE system_id = ? AND lead_id = ?',
  );
  const holdStmt = sqlite.prepare<[string, number, number]>(
    'UPDATE dialler_leads SET holder = ? WHERE system_id = ? AND lead_id = ? AND holder IS NULL',
  );
  const releaseStmt = sqlite.prepare<[number, number]>(
    'UPDATE dialler_leads SET holder = NULL WHERE system_id = ? AND lead_id = ?',
  );
  const holderStmt = sqlite.prepare<[number, number], { holder: string | null }>(
    'SELECT holder FROM dialler_leads WHERE system_id = ? AND lead_id = ?',
  );
  const dncStmt = prepareUnguarded<[number, string, number, string], { one: number }>(
    sqlite,
    `SELECT 1 AS one FROM dnc_numbers WHERE system_id = ? AND phone_number = ?
     UNION ALL
     SELECT 1 FROM leads AS l, json_each(l.phones) AS p
     WHERE l.system_id = ? AND l.status = 'DNC' AND json_extract(p.value, '$.phone_number') = ?
     LIMIT 1`,
  );
  const remainingStmt = prepareUnguarded<[number, string], { n: number }>(
    sqlite,
    `SELECT count(*) AS n FROM dialler_leads AS d JOIN leads AS l ON l.system_id = d.system_id AND l.lead_id = d.lead_id
     WHERE d.system_id = ? AND d.list_id IN (SELECT value FROM json_each(?)) AND d.due_at IS NOT NULL`,
  );

  /**
   * Adopts the leads added since the last look (ids only grow: the sequence never reuses one). Looks again only once
   * leads were added to the system or the write epoch moved (a rollback may have undone an adoption or an addition).
   */
  const catchUp = () => {
    const looked = lookedOf(sqlite);
    const now = `${epoch.value}/${rows.additions(systemId)}`;
    if (looked.get(systemId) === now) return;
    const h = highest.get(systemId, systemId);
    const adopted = h?.adopted ?? 0;
    if ((h?.leads ?? 0) > adopted) adopt.run(systemId, adopted);
    looked.set(systemId, now);
  };
  const ids = (listIds: readonly number[]) => JSON.stringify(listIds);
  const rows = leadRowsOf(sqlite);
  const epoch = writeEpochOf(sqlite);
  const dues = dueTimesOf(sqlite);
  /** The lead's due time as its `dialler_leads` row holds it; undefined when it has none. */
  const dueOf = (leadId: number): number | null | undefined => {
    const known = dues.get(`${systemId}/${leadId}`);
    if (known !== undefined) return known;
    const r = dueStmt.get(systemId, leadId);
    if (!r) return undefined;
    dues.set(`${systemId}/${leadId}`, r.due_at);
    return r.due_at;
  };

  const calls = callRowCacheOf(sqlite);
  /**
   * The number call `callId` dialled, read through the connection's calls (held rows included); null when there is no
   * such call. Read for `CALLBK` leads only: the callback is the one rule that needs it.
   */
  const calledNumber = (callId: number): string | null =>
    callId > 0 ? (calls.get(systemId, callId)?.phoneNumber ?? null) : null;

  const get = (leadId: number): DiallerLead | undefined => {
    catchUp();
    return read(leadId);
  };
  /** A lead already adopted (one with no `dialler_leads` row is not the dialler's). */
  const read = (leadId: number): DiallerLead | undefined => {
    const r = rows.get(systemId, leadId);
    if (!r) return undefined;
    const dueAt = dueOf(leadId);
    if (dueAt === undefined) return undefined;
    return {
      leadId: r.leadId,
      listId: r.listId,
      uniqueId: r.uniqueId,
      status: r.status,
      attempts: r.attempts,
      lastCallId: r.lastCallId,
      lastCallAt: r.lastCallAt,
      callbackAt: r.callbackAt,
      callbackNumber: r.status === 'CALLBK' ? calledNumber(r.lastCallId) : null,
      phones: JSON.parse(r.phones) as LeadPhone[],
      dueAt,
    };
  };

  return {
    next(listIds, now) {
      catchUp();
      for (const priority of [1, 0]) {
        let best: { lead_id: number; due_at: number } | undefined;
        for (const listId of listIds) {
          const r = nextStmt.get(systemId, listId, priority, now);
          if (r && (!best || r.due_at < best.due_at || (r.due_at === best.due_at && r.lead_id < best.lead_id)))
            best = r;
        }
        if (best) {
          dues.set(`${systemId}/${best.lead_id}`, best.due_at);
          return read(best.lead_id);
        }
      }
      return undefined;
    },
    nextDueAt(listIds) {
      catchUp();
      let earliest: number | undefined;
      for (const listId of listIds)
        for (const priority of [1, 0]) {
          const m = nextDueStmt.get(systemId, listId, priority)?.m;
          if (m !== null && m !== undefined && (earliest === undefined || m < earliest)) earliest = m;
        }
      return earliest;
    },
    get,
    // A lead reaches `save` and `hold` through `get` or `next`, which adopted it.
    save(lead) {
      const row = rows.get(systemId, lead.leadId);
      const saved =
        row !== undefined &&
        rows.save({
          ...row,
          status: lead.status,
          attempts: lead.attempts,
          lastCallId: lead.lastCallId,
          lastCallAt: lead.lastCallAt,
          callbackAt: lead.callbackAt,
        });
      if (!saved) throw new Error(`lead ${lead.leadId} of system ${systemId} does not exist`);
      saveDialler.run(systemId, lead.leadId, lead.listId, isPriorityLead(lead) ? 1 : 0, lead.dueAt);
      dues.set(`${systemId}/${lead.leadId}`, lead.dueAt);
    },
    hold(leadId, holder) {
      return holdStmt.run(holder, systemId, leadId).changes === 1;
    },
    release(leadId) {
      releaseStmt.run(systemId, leadId);
    },
    holder(leadId) {
      return holderStmt.get(systemId, leadId)?.holder ?? undefined;
    },
    isDnc(phoneNumber) {
      return dncStmt.get(systemId, phoneNumber, systemId, phoneNumber) !== undefined;
    },
    remaining(listIds) {
      catchUp();
      return remainingStmt.get(systemId, ids(listIds))?.n ?? 0;
    },
  };
}
