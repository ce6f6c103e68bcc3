/**
 * What the start-up integrity check costs on a large database: the demo data plus N leads (default 1,000,000; `--leads
 * N`), checked table by table within the budget, and the whole-file `PRAGMA quick_check` for comparison. Runs the
 * source (tsx); takes about a minute.
 *
 * @module
 */

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CHECK_BUDGET_MS } from '../src/cli/preflight.js';
import { createMockOmni } from '../src/index.js';
import { createDb, MIGRATIONS_FOLDER } from '../src/store/create-db.js';
import { inspectDatabase } from '../src/store/inspect-database.js';
import { knownSchema } from '../src/store/schema-version.js';

const arg = process.argv.indexOf('--leads');
const leads = arg > 0 ? Number(process.argv[arg + 1]) : 1_000_000;
const dir = mkdtempSync(join(tmpdir(), 'omni-check-bench-'));
const file = join(dir, 'large.db');
try {
  const demo = await createMockOmni({ db: file, clock: 'manual', logger: { info: () => {}, error: () => {} } });
  await demo.close();
  const open = createDb(file);
  const insert = open.sqlite.prepare(
    `INSERT INTO leads (system_id, lead_id, list_id, first_name, last_name, city, phone_1, phones, created_at, updated_at)
     VALUES (1, ?, 1, ?, 'Lead', 'Springfield', ?, ?, 0, 0)`,
  );
  const base = 1_000_000;
  open.sqlite.transaction(() => {
    for (let n = 1; n <= leads; n++) {
      const phone = `07${String(n).padStart(9, '0')}`;
      insert.run(base + n, `First${n}`, phone, JSON.stringify([{ phone_number: phone, phone_type_id: 1 }]));
    }
  })();
  open.close();
  const mb = (statSync(file).size / 1024 / 1024).toFixed(0);
  const schema = knownSchema(MIGRATIONS_FOLDER);
  for (const [label, budgetMs] of [
    [`budget ${CHECK_BUDGET_MS} ms (the CLI's)`, CHECK_BUDGET_MS],
    ['no budget', Number.POSITIVE_INFINITY],
  ] as const) {
    const started = performance.now();
    const result = inspectDatabase(file, file, { schema, budgetMs });
    const ms = (performance.now() - started).toFixed(0);
    const covered = result.ok ? `${result.tablesChecked} of ${result.tables} tables` : result.problem;
    console.log(`${leads} leads, ${mb} MiB: table by table, ${label}: ${ms} ms, ${covered}`);
  }
  const whole = new Database(file, { fileMustExist: true });
  whole.pragma('locking_mode = EXCLUSIVE');
  const started = performance.now();
  const answer = whole.pragma('quick_check', { simple: true });
  console.log(
    `${leads} leads, ${mb} MiB: whole-file quick_check: ${(performance.now() - started).toFixed(0)} ms (${answer})`,
  );
  whole.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
