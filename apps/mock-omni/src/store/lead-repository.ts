import type Database from 'better-sqlite3';
import { and, asc, count, eq, getTableColumns, ne, type SQL, sql } from 'drizzle-orm';
import type { ArchiveCounts, LeadPhone, LeadRecord, LeadStore } from '../engine/ports.js';
import type { Db } from './create-db.js';
import { leadRowsOf } from './lead-rows.js';
import { leads } from './schema/index.js';

type Row = typeof leads.$inferSelect;

function toRecord(r: Row): LeadRecord {
  const { phone1: _phone1, phones, ...rest } = r;
  return { ...rest, phones: JSON.parse(phones) as LeadPhone[] };
}

function toRow(l: LeadRecord): Row {
  return { ...l, phone1: l.phones[0]?.phone_number ?? '', phones: JSON.stringify(l.phones) };
}

/**
 * Leads in the active table, and the archive service's moves between it and `archived_leads`
 * (A.7), done in SQL over the ids given (passed as one JSON array).
 */
export function createLeadRepository(db: Db, sqlite: Database.Database): LeadStore {
  const s = sql.placeholder('systemId');
  // Raw prepared insert: the hottest write (add lead, bulk upload), without per-call parameter mapping.
  const leadColumns = Object.values(getTableColumns(leads)).map((c) => c.name);
  const insertStmt = sqlite.prepare(
    `INSERT INTO leads (${leadColumns.map((c) => `"${c}"`).join(', ')}) VALUES (${leadColumns.map(() => '?').join(', ')})`,
  );
  const columnKeys = Object.keys(getTableColumns(leads)) as (keyof Row)[];
  // A lead's row is read and written through the connection's memory (the dialler's repository writes it too):
  // a disposition's write is held for the turn's COMMIT, and the next read of the lead costs no SQL.
  const rows = leadRowsOf(sqlite);
  // One above the highest id in either table or recorded when a lead was deleted (sequences 'lead').
  const maxId = sqlite.prepare<[number, number, number], { m: number | null }>(
    `SELECT max(
        coalesce((SELECT max(lead_id) FROM leads WHERE system_id = ?), 0),
        coalesce((SELECT max(lead_id) FROM archived_leads WHERE system_id = ?), 0),
        coalesce((SELECT value FROM sequences WHERE system_id = ? AND name = 'lead'), 0)) AS m`,
  );
  const remember = sqlite.prepare<[number, number]>(
    `INSERT INTO sequences (system_id, name, value) VALUES (?, 'lead', ?)
       ON CONFLICT (system_id, name) DO UPDATE SET value = max(value, excluded.value)`,
  );
  // The leads of one list of the system, and whatever narrows them further.
  const inList = (...more: SQL[]) => and(eq(leads.systemId, s), eq(leads.listId, sql.placeholder('listId')), ...more);
  const withStatus = eq(leads.status, sql.placeholder('status'));
  const page = (where: SQL | undefined) =>
    db
      .select()
      .from(leads)
      .where(where)
      .orderBy(asc(leads.leadId))
      .limit(sql.placeholder('limit'))
      .offset(sql.placeholder('offset'))
      .prepare();
  const pageAll = page(inList());
  const pageByStatus = page(inList(withStatus));
  const countAll = db.select({ n: count() }).from(leads).where(inList()).prepare();
  const countByStatus = db.select({ n: count() }).from(leads).where(inList(withStatus)).prepare();
  const phoneInList = db
    .select({ id: leads.leadId })
    .from(leads)
    .where(inList(eq(leads.phone1, sql.placeholder('phone'))))
    .limit(1)
    .prepare();
  const uniqueInList = db
    .select({ id: leads.leadId })
    .from(leads)
    .where(
      inList(
        eq(leads.uniqueId, sql.placeholder('uniqueId')),
        // Lets SQLite use the partial index (unique_id <> '').
        ne(leads.uniqueId, ''),
      ),
    )
    .limit(1)
    .prepare();
  const dncLead = sqlite.prepare(
    `SELECT 1 FROM leads, json_each(leads.phones) AS p
      WHERE leads.system_id = ? AND leads.status = 'DNC' AND json_extract(p.value, '$.phone_number') = ? LIMIT 1`,
  );

  const columns = Object.values(getTableColumns(leads)).map((c) => `"${c.name}"`);
  const valueColumns = columns.filter((c) => c !== '"system_id"' && c !== '"lead_id"');
  const ids = `(SELECT value FROM json_each(?))`;
  const move = (from: string, to: string) => ({
    select: sqlite.prepare(`SELECT count(*) AS n FROM ${from} WHERE system_id = ? AND lead_id IN ${ids}`),
    existing: sqlite.prepare(`SELECT lead_id FROM ${to} WHERE system_id = ? AND lead_id IN ${ids}`),
    insert: sqlite.prepare(
      `INSERT INTO ${to} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM ${from} AS f
        WHERE f.system_id = ? AND f.lead_id IN ${ids}
          AND NOT EXISTS (SELECT 1 FROM ${to} AS t WHERE t.system_id = f.system_id AND t.lead_id = f.lead_id)`,
    ),
    update: sqlite.prepare(
      `UPDATE ${to} AS t SET (${valueColumns.join(', ')}) =
          (SELECT ${valueColumns.join(', ')} FROM ${from} AS f WHERE f.system_id = t.system_id AND f.lead_id = t.lead_id)
        WHERE t.system_id = ? AND t.lead_id IN ${ids}
          AND EXISTS (SELECT 1 FROM ${from} AS f WHERE f.system_id = t.system_id AND f.lead_id = t.lead_id)`,
    ),
    delete: sqlite.prepare(
      `DELETE FROM ${from} AS f WHERE f.system_id = ? AND f.lead_id IN ${ids}
          AND EXISTS (SELECT 1 FROM ${to} AS t WHERE t.system_id = f.system_id AND t.lead_id = f.lead_id)`,
    ),
  });
  const toArchive = move('leads', 'archived_leads');
  const fromArchive = move('archived_leads', 'leads');

  function run(
    m: ReturnType<typeof move>,
    systemId: number,
    leadIds: number[],
    ops: { insert: boolean; update: boolean; delete: boolean },
  ): ArchiveCounts {
    const json = JSON.stringify(leadIds);
    const selectCount = (m.select.get(systemId, json) as { n: number }).n;
    // Update touches rows that were in the target before this request, not the ones it inserts.
    const before = (m.existing.all(systemId, json) as { lead_id: number }[]).map((r) => r.lead_id);
    const insertCount = ops.insert ? m.insert.run(systemId, json).changes : 0;
    const updateCount = ops.update && before.length > 0 ? m.update.run(systemId, JSON.stringify(before)).changes : 0;
    const deleteCount = ops.delete ? m.delete.run(systemId, json).changes : 0;
    return { selectCount, insertCount, updateCount, deleteCount };
  }

  return {
    insert(lead) {
      // Straight from the record: a spread copy of its ~30 fields (toRow) cost a fifth of the insert.
      const phone1 = lead.phones[0]?.phone_number ?? '';
      const phones = JSON.stringify(lead.phones);
      insertStmt.run(
        columnKeys.map((k) => (k === 'phone1' ? phone1 : k === 'phones' ? phones : lead[k as keyof LeadRecord])),
      );
      rows.added(lead.systemId);
    },
    get(systemId, leadId) {
      const r = rows.get(systemId, leadId);
      return r ? toRecord(r) : undefined;
    },
    update(lead) {
      rows.save(toRow(lead));
    },
    nextId: (systemId) => (maxId.get(systemId, systemId, systemId)?.m ?? 0) + 1,
    delete(systemId, leadId) {
      const gone =
        db
          .delete(leads)
          .where(and(eq(leads.systemId, systemId), eq(leads.leadId, leadId)))
          .run().changes > 0;
      rows.drop(systemId, leadId);
      if (gone) remember.run(systemId, leadId);
      return gone;
    },
    page(systemId, listId, status, offset, limit) {
      if (status === undefined) {
        return {
          total: countAll.get({ systemId, listId })?.n ?? 0,
          leads: pageAll.all({ systemId, listId, offset, limit }).map(toRecord),
        };
      }
      return {
        total: countByStatus.get({ systemId, listId, status })?.n ?? 0,
        leads: pageByStatus.all({ systemId, listId, status, offset, limit }).map(toRecord),
      };
    },
    phoneInList: (systemId, listId, phone) => phoneInList.get({ systemId, listId, phone }) !== undefined,
    uniqueIdInList: (systemId, listId, uniqueId) => uniqueInList.get({ systemId, listId, uniqueId }) !== undefined,
    phoneOfDncLead: (systemId, phone) => dncLead.get(systemId, phone) !== undefined,
    archive: (systemId, leadIds, ops) => {
      rows.drop(systemId);
      return run(toArchive, systemId, leadIds, ops);
    },
    dearchive: (systemId, leadIds, ops) => {
      rows.drop(systemId);
      rows.added(systemId);
      return run(fromArchive, systemId, leadIds, { ...ops, update: false });
    },
  };
}
