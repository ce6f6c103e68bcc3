import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSystemArgs, runSystemCommand, SYSTEM_HELP_TEXT } from '../../src/cli/system-command.js';
import { createMockOmni } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'omni-system-command-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('omni-mock system', () => {
  it('parses export and import', () => {
    expect(parseSystemArgs(['export', '--key', 'k-system', '--db', 'a.db', '--out', 'k.db', '--remove'])).toEqual({
      ok: true,
      help: false,
      action: 'export',
      key: 'k-system',
      db: 'a.db',
      out: 'k.db',
      remove: true,
    });
    expect(parseSystemArgs(['import', '--from', 'k.db', '--db', 'b.db'])).toEqual({
      ok: true,
      help: false,
      action: 'import',
      from: 'k.db',
      db: 'b.db',
    });
    expect(parseSystemArgs(['--help'])).toEqual({ ok: true, help: true });
  });

  it.each([
    [[], 'export or import?'],
    [['move'], 'unknown action move: export or import'],
    [['export', '--key', 'k', '--db', 'a.db'], 'export needs --key, --db and --out'],
    [['export', '--key', 'k', '--db', 'a.db', '--out', 'o.db', '--from', 'x'], '--from is for import'],
    [['import', '--db', 'a.db'], 'import needs --from and --db'],
    [['import', '--from', 'k.db', '--db', 'b.db', '--remove'], '--key, --out and --remove are for export'],
    [['export', 'extra', '--key', 'k', '--db', 'a', '--out', 'o'], 'unexpected argument extra'],
  ])('refuses %j: %s (exit 2)', (argv, error) => {
    expect(parseSystemArgs(argv)).toEqual({ ok: false, error });
    const run = io();
    expect(runSystemCommand(argv, run.io)).toBe(2);
    expect(run.err[0]).toContain(error);
  });

  it('moves a system from one database to another, and says a refusal in one line (exit 1)', async () => {
    const a = join(dir, 'a.db');
    const b = join(dir, 'b.db');
    const mock = await createMockOmni({ db: a, logger: { info: () => {}, error: () => {} } });
    await mock.fetch(
      new Request('http://mock.local/__mock/systems', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ system_key: 'cli-moved-system' }),
      }),
    );
    await mock.close();
    const out = join(dir, 'moved.db');
    const run = io();
    expect(runSystemCommand(['export', '--key', 'cli-moved-system', '--db', a, '--out', out, '--remove'], run.io)).toBe(
      0,
    );
    expect(run.out[0]).toMatch(
      /^omni-mock system: exported cli-moved-system \(\d+ rows\) from .* and removed it from /,
    );
    expect(runSystemCommand(['import', '--from', out, '--db', b], run.io)).toBe(0);
    expect(run.out[1]).toMatch(/^omni-mock system: imported cli-moved-system \(\d+ rows\) from /);
    const again = io();
    expect(runSystemCommand(['import', '--from', out, '--db', b], again.io)).toBe(1);
    expect(again.err).toEqual([
      `omni-mock system: ${b} already holds a system cli-moved-system: delete it there first`,
    ]);
  });

  it('refuses an ordinary SQLite file as --db of export in one line (exit 1), and leaves it as it was', () => {
    const plain = join(dir, 'plain.db');
    const sqlite = new Database(plain);
    sqlite.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('mine')");
    sqlite.close();
    const sum = () => createHash('sha256').update(readFileSync(plain)).digest('hex');
    const before = sum();
    const run = io();
    expect(runSystemCommand(['export', '--key', 'x', '--db', plain, '--out', join(dir, 'px.db')], run.io)).toBe(1);
    expect(run.err).toEqual([`omni-mock system: ${plain} is not a mock database (no omni-mock schema in it)`]);
    expect(sum()).toBe(before);
    expect([existsSync(`${plain}-wal`), existsSync(`${plain}-shm`), existsSync(join(dir, 'px.db'))]).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('refuses to import into --db :memory:, which keeps nothing (exit 1)', async () => {
    const a = join(dir, 'memory-source.db');
    const mock = await createMockOmni({ db: a, logger: { info: () => {}, error: () => {} } });
    await mock.close();
    const out = join(dir, 'memory-export.db');
    expect(runSystemCommand(['export', '--key', 'omni-demo-key', '--db', a, '--out', out], io().io)).toBe(0);
    const run = io();
    expect(runSystemCommand(['import', '--from', out, '--db', ':memory:'], run.io)).toBe(1);
    expect(run.out).toEqual([]);
    expect(run.err).toEqual([
      'omni-mock system: --db :memory: for import: an in-memory database keeps nothing: give a file',
    ]);
  });

  it('the help names every option', () => {
    for (const flag of ['--key', '--db', '--out', '--remove', '--from', '--help'])
      expect(SYSTEM_HELP_TEXT).toContain(`  ${flag}`);
  });
});
