/**
 * `omni-mock system export|import`: moves one system's data between mock databases through a standalone SQLite file
 * (`store/system-transfer.ts`), as a system moves between the workers of a cluster. Parsed without reading the
 * process; main.ts passes argv in and exits with the status returned: 0 done or `--help`, 2 bad usage, 1 refused.
 *
 * @module
 */

import { exportSystem, importSystem, SystemTransferError } from '../store/system-transfer.js';
import { parseSubcommandArgs } from './parse-subcommand-args.js';

export const SYSTEM_HELP_TEXT = `omni-mock system — move one system (tenant) between mock databases

Usage: omni-mock system export --key <system key> --db <database> --out <file.db> [--remove]
       omni-mock system import --from <file.db> --db <database>

Options:
  --key <key>     export: the system to copy
  --db <path>     the mock database to export from (only read, unless --remove) or import into
                  (created when missing); a file, not :memory:, and its mock must be stopped
  --out <file>    export: a new SQLite file that will hold that one system
  --remove        export: delete the system from --db once copied (not the default system)
  --from <file>   import: a file written by export
  --help          print this help

Export copies every row of the system (users, campaigns, leads, calls, tokens, timers, clock, pending
webhooks…) into a file of its own; import copies it into another database under a new internal id,
so its key, data, clock and tokens carry on there. Both check every file before writing any: a refusal
leaves them as they were. In a cluster, each worker's database is
<dir>/worker-<i>/omni.db (see docs/scale-out.md).`;

export interface SystemCommandIo {
  out(line: string): void;
  err(line: string): void;
}

type Parsed =
  | { ok: true; help: true }
  | { ok: true; help: false; action: 'export'; key: string; db: string; out: string; remove: boolean }
  | { ok: true; help: false; action: 'import'; from: string; db: string }
  | { ok: false; error: string };

export function parseSystemArgs(argv: readonly string[]): Parsed {
  const args = parseSubcommandArgs(
    argv,
    {
      key: { type: 'string' },
      db: { type: 'string' },
      out: { type: 'string' },
      from: { type: 'string' },
      remove: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    { allowPositionals: true },
  );
  if (!args.ok) return args;
  const { values, positionals } = args;
  if (values.help === true) return { ok: true, help: true };
  const [action, ...rest] = positionals;
  if (rest.length > 0) return { ok: false, error: `unexpected argument ${rest[0]}` };
  const str = (name: 'key' | 'db' | 'out' | 'from') => (values[name] === '' ? undefined : values[name]);
  const db = str('db');
  if (action === 'export') {
    const key = str('key');
    const out = str('out');
    if (values.from !== undefined) return { ok: false, error: '--from is for import' };
    if (!key || !db || !out) return { ok: false, error: 'export needs --key, --db and --out' };
    return { ok: true, help: false, action, key, db, out, remove: values.remove === true };
  }
  if (action === 'import') {
    const from = str('from');
    if (values.key !== undefined || values.out !== undefined || values.remove !== undefined)
      return { ok: false, error: '--key, --out and --remove are for export' };
    if (!from || !db) return { ok: false, error: 'import needs --from and --db' };
    return { ok: true, help: false, action, from, db };
  }
  return {
    ok: false,
    error: action === undefined ? 'export or import?' : `unknown action ${action}: export or import`,
  };
}

export function runSystemCommand(argv: readonly string[], io: SystemCommandIo): number {
  const parsed = parseSystemArgs(argv);
  if (!parsed.ok) {
    io.err(`omni-mock system: ${parsed.error}\nRun omni-mock system --help for the options.`);
    return 2;
  }
  if (parsed.help) {
    io.out(SYSTEM_HELP_TEXT);
    return 0;
  }
  try {
    if (parsed.action === 'export') {
      const r = exportSystem(parsed);
      io.out(
        `omni-mock system: exported ${r.systemKey} (${r.rows} rows) from ${parsed.db} to ${parsed.out}${parsed.remove ? `, and removed it from ${parsed.db}` : ''}`,
      );
    } else {
      const r = importSystem(parsed);
      io.out(`omni-mock system: imported ${r.systemKey} (${r.rows} rows) from ${parsed.from} into ${parsed.db}`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof SystemTransferError)) throw error;
    io.err(`omni-mock system: ${error.message}`);
    return 1;
  }
}
