import type Database from 'better-sqlite3';
import { isPriorityLead } from '../engine/dialler/lead-policy.js';
import type { DiallerLead, LeadSource } from '../engine/dialler/lead-source.js';
import type { LeadPhone } from '../engine/ports.js';

/**
 * The dialler's lead port on SQLite, for one system: the lead's fields live in `leads` (written by
 * the directory), the dialler's own in `dialler_leads` (due time, priority, holder). A lead gets
 * its `dialler_leads` row the first time the dialler looks: every lead above the highest id adopted so
 * far is copied in, one indexed statement, with the engine's initial due time (`initialDueAt`: the
 * first number's `schedule_call_at`, else the lead's creation; never for a `DNC` lead or one with no
 * number) computed in SQL. "The next lead" is then one query on the partial index
 * `dialler_leads_next`. Runs inside the caller's transaction, like every store.
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
  const highest = sqlite.prepare<[number, number], { leads: number | null; adopted: number | null }>(
    `SELECT (SELECT max(lead_id) FROM leads WHERE system_id = ?) AS leads,
            (SELECT max(lead_id) FROM dialler_leads WHERE system_id = ?) AS adopted`,
  );
  // Per list and priority, so each query walks the partial index `dialler_leads_next` in order.
  const nextStmt = sqlite.prepare<[number, number, number, number], { lead_id: number; due_at: number }>(
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
  const getStmt = sqlite.prepare<
    [number, number],
    {
      lead_id: number;
      list_id: number;
      unique_id: string;
      status: string;
      attempts: number;
      last_call_id: number;
      last_call_at: number | null;
      callback_at: number | null;
      phones: string;
      due_at: number | null;
    }
  >(
    `SELECT l.lead_id, l.list_id, l.unique_id, l.status, l.attempts, l.last_call_id, l.last_call_at, l.callback_at,
       l.phones, d.due_at
     FROM leads AS l JOIN dialler_leads AS d ON d.system_id = l.system_id AND d.lead_id = l.lead_id
     WHERE l.system_id = ? AND l.lead_id = ?`,
  );
  const saveLead = sqlite.prepare<[string, number, number, number | null, number | null, number, number]>(
    `UPDATE leads SET status = ?, attempts = ?, last_call_id = ?, last_call_at = ?, callback_at = ?
     WHERE system_id = ? AND lead_id = ?`,
  );
  const saveDialler = sqlite.prepare<[number, number, number, number, number | null]>(
    `INSERT INTO dialler_leads (system_id, lead_id, list_id, priority, due_at, holder) VALUES (?, ?, ?, ?, ?, NULL)
     ON CONFLICT (system_id, lead_id) DO UPDATE SET list_id = excluded.list_id, priority = excluded.priority,
       due_at = excluded.due_at`,
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
  const dncStmt = sqlite.prepare<[number, string, number, string], { one: number }>(
    `SELECT 1 AS one FROM dnc_numbers WHERE system_id = ? AND phone_number = ?
     UNION ALL
     SELECT 1 FROM leads AS l, json_each(l.phones) AS p
     WHERE l.system_id = ? AND l.status = 'DNC' AND json_extract(p.value, '$.phone_number') = ?
     LIMIT 1`,
  );
  const remainingStmt = sqlite.prepare<[number, string], { n: number }>(
    `SELECT count(*) AS n FROM dialler_leads AS d JOIN leads AS l ON l.system_id = d.system_id AND l.lead_id = d.lead_id
     WHERE d.system_id = ? AND d.list_id IN (SELECT value FROM json_each(?)) AND d.due_at IS NOT NULL`,
  );

  /** Adopts the leads added since the last look (ids only grow: the sequence never reuses one). */
  const catchUp = () => {
    const h = highest.get(systemId, systemId);
    const adopted = h?.adopted ?? 0;
    if ((h?.leads ?? 0) > adopted) adopt.run(systemId, adopted);
  };
  const ids = (listIds: readonly number[]) => JSON.stringify(listIds);

  const get = (leadId: number): DiallerLead | undefined => {
    catchUp();
    return read(leadId);
  };
  /** A lead already adopted. */
  const read = (leadId: number): DiallerLead | undefined => {
    const r = getStmt.get(systemId, leadId);
    if (!r) return undefined;
    return {
      leadId: r.lead_id,
      listId: r.list_id,
      uniqueId: r.unique_id,
      status: r.status,
      attempts: r.attempts,
      lastCallId: r.last_call_id,
      lastCallAt: r.last_call_at,
      callbackAt: r.callback_at,
      phones: JSON.parse(r.phones) as LeadPhone[],
      dueAt: r.due_at,
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
        if (best) return read(best.lead_id);
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
      const r = saveLead.run(
        lead.status,
        lead.attempts,
        lead.lastCallId,
        lead.lastCallAt,
        lead.callbackAt,
        systemId,
        lead.leadId,
      );
      if (r.changes !== 1) throw new Error(`lead ${lead.leadId} of system ${systemId} does not exist`);
      saveDialler.run(systemId, lead.leadId, lead.listId, isPriorityLead(lead) ? 1 : 0, lead.dueAt);
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
