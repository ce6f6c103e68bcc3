/**
 * The systems a start finds on a worker their key no longer goes to, with the commands that move each: what a change
 * of `--workers` does to a directory's systems. The bucket map follows the worker count, so after one a system whose
 * bucket now belongs to another worker is not reached (its requests answer 401 INVALID_SYSTEM_KEY from the worker its
 * key goes to), and a system on a worker the start no longer runs (`worker-3` after `--workers 2`) is not reached at
 * all. Nothing tells the user otherwise: this lists them once the cluster runs. A worker that runs is asked for its
 * systems (`GET /__mock/systems` on its own port); the file of one that does not run is read without being changed
 * (`open-mock-file.ts`). Default systems are left out: each worker has its own `omni-demo-key`.
 *
 * @module
 */

import { existsSync, readdirSync } from 'node:fs';
import { ADMIN_KEY_HEADER } from '@omnikit/contracts/control';
import { openMockFile } from '../store/open-mock-file.js';
import { bucketOfKey, bucketOwners } from './bucket-owners.js';
import { workerDatabase } from './cluster-preflight.js';

export interface MisplacedSystemsInput {
  /** The workers running now. */
  workers: readonly { index: number; port: number }[];
  /** The cluster's directory, absolute. */
  dir: string;
  /** As the user gave it: the commands name the files so. */
  shownDir: string;
  adminKey: string | undefined;
}

interface HeldSystem {
  key: string;
  isDefault: boolean;
}

/** At most this many commands are printed; the rest are counted. */
const SHOWN = 20;

async function systemsOfWorker(port: number, adminKey: string | undefined): Promise<HeldSystem[]> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/__mock/systems`, {
      headers: adminKey === undefined ? {} : { [ADMIN_KEY_HEADER]: adminKey },
      signal: AbortSignal.timeout(5_000),
    });
    if (res.status !== 200) return [];
    const body = (await res.json()) as { systems?: { system_key?: unknown; is_default?: unknown }[] };
    return (body.systems ?? []).flatMap((s) =>
      typeof s.system_key === 'string' ? [{ key: s.system_key, isDefault: s.is_default === true }] : [],
    );
  } catch {
    return [];
  }
}

/** The systems in the file of a worker that does not run; undefined when it cannot be read as it is. */
function systemsOfFile(db: string): HeldSystem[] | undefined {
  const file = openMockFile(db);
  if (file.kind !== 'current') return undefined;
  try {
    const rows = file.sqlite.prepare('SELECT system_key AS key, is_default AS isDefault FROM systems').all() as {
      key: string;
      isDefault: number;
    }[];
    return rows.map((r) => ({ key: r.key, isDefault: r.isDefault === 1 }));
  } finally {
    file.sqlite.close();
  }
}

/** The other `worker-<i>` directories holding a database: those of workers this start does not run. */
function idleWorkers(dir: string, count: number): number[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .flatMap((name) => {
      const m = /^worker-(\d+)$/.exec(name);
      return m ? [Number(m[1])] : [];
    })
    .filter((index) => index > count && existsSync(workerDatabase(dir, index)))
    .sort((a, b) => a - b);
}

/** The lines to print (none when every system is where its key goes). */
export async function misplacedSystems(input: MisplacedSystemsInput): Promise<string[]> {
  const count = input.workers.length;
  const owners = bucketOwners(count);
  const ownerOf = (key: string) => owners[bucketOfKey(key)] ?? 1;
  const held = await Promise.all(
    input.workers.map(async (w) => ({ index: w.index, systems: await systemsOfWorker(w.port, input.adminKey) })),
  );
  const unread: number[] = [];
  for (const index of idleWorkers(input.dir, count)) {
    const systems = systemsOfFile(workerDatabase(input.dir, index));
    if (systems) held.push({ index, systems });
    else unread.push(index);
  }
  const moves = held.flatMap(({ index, systems }) =>
    systems
      .filter((s) => !s.isDefault && ownerOf(s.key) !== index)
      .map((s) => ({ key: s.key, from: index, to: ownerOf(s.key) })),
  );
  const lines: string[] = [];
  if (moves.length > 0) {
    const db = (index: number) => workerDatabase(input.shownDir, index);
    lines.push(
      `omni-mock cluster: ${moves.length === 1 ? '1 system is' : `${moves.length} systems are`} not on the worker ${moves.length === 1 ? 'its key goes' : 'their keys go'} to with --workers ${count} (the cluster ran with another count): ${moves.length === 1 ? 'its' : 'their'} requests answer 401 INVALID_SYSTEM_KEY until moved. Stop the cluster, then:`,
      ...moves
        .slice(0, SHOWN)
        .map(
          (m) =>
            `  omni-mock system export --key ${m.key} --db ${db(m.from)} --out ${m.key}.db --remove && omni-mock system import --from ${m.key}.db --db ${db(m.to)}`,
        ),
      ...(moves.length > SHOWN ? [`  … and ${moves.length - SHOWN} more`] : []),
      '  (or start again with the --workers count they were created with)',
    );
  }
  for (const index of unread) {
    lines.push(
      `omni-mock cluster: ${workerDatabase(input.shownDir, index)} is not run with --workers ${count}, and its systems are not reached: move each of them (docs/scale-out.md, "Moving a system"), or start again with the --workers count they were created with`,
    );
  }
  return lines;
}
