import {
  accessSync,
  closeSync,
  constants,
  lstatSync,
  openSync,
  readlinkSync,
  readSync,
  realpathSync,
  type Stats,
  statSync,
} from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

/** The first 16 bytes of every SQLite database file. */
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Kernel pseudo-filesystems: no database can live there, and reading some of their files never
 * ends (SQLite spun at 100% CPU on a path under /proc).
 */
export const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'];

/**
 * What is wrong with `path` as the mock's database, found from the filesystem alone (stat, access,
 * the first 16 bytes), so that nothing is created or changed: one line naming the problem and its
 * remedy, or undefined when SQLite may try the path. `shown` is the path as the user should read it.
 * With `replacing` (`--reset`), what the file holds does not matter: it is about to be deleted.
 */
export function checkDatabasePath(path: string, shown: string, replacing = false): string | undefined {
  if (path.endsWith('/') || path.endsWith(sep)) {
    return `--db ${path} names a directory (it ends with ${path.endsWith('/') ? '/' : sep}): give a file in it, e.g. --db ${join(path, 'omni.db')}`;
  }
  const absolute = resolve(path);
  const link = statOrNothing(absolute, lstatSync);
  if (link?.isSymbolicLink() && !statOrNothing(absolute)) {
    return `--db ${shown} is a symbolic link to ${readlinkSync(absolute)}, which does not exist: make the link point at a database file or a path in an existing directory, or give another --db`;
  }
  const existing = nearestExisting(absolute);
  const real = safeRealpath(existing.path);
  const pseudo = PSEUDO_ROOTS.find((root) => real === root || real.startsWith(`${root}${sep}`));
  if (pseudo) {
    return `--db ${shown} is under ${pseudo}, a kernel pseudo-filesystem that cannot hold a database: give a path on a disk, e.g. --db .omnikit/omni.db`;
  }
  if (existing.path !== absolute) {
    // The file does not exist yet: the nearest existing ancestor must be a directory we may write in.
    if (!existing.stats.isDirectory()) {
      return `cannot create --db ${shown}: ${existing.path} is not a directory: give another --db`;
    }
    if (!mayAccess(existing.path, existing.stats, 'write')) {
      return `cannot create --db ${shown}: the directory ${existing.path} is read-only: make it writable (chmod u+w ${existing.path}) or give another --db`;
    }
    return undefined;
  }
  const stats = existing.stats;
  if (stats.isDirectory()) {
    return `--db ${shown} is a directory, not a database file: give a file in it, e.g. --db ${join(shown, 'omni.db')}`;
  }
  if (!stats.isFile()) {
    return `--db ${shown} is not a regular file (${kindOf(stats)}): give the path of an SQLite database file`;
  }
  if (!mayAccess(absolute, stats, 'write')) {
    return `--db ${shown} is read-only: make it writable (chmod u+w ${shown}) or give another --db`;
  }
  const dir = dirname(absolute);
  if (!mayAccess(dir, statSync(dir), 'write')) {
    return `the directory ${dir} of --db ${shown} is read-only (SQLite writes its -wal file beside the database): make it writable (chmod u+w ${dir}) or give another --db`;
  }
  if (!replacing && stats.size > 0 && !startsWithMagic(absolute)) {
    return `--db ${shown} is not an SQLite database (it does not start with "SQLite format 3"): give another --db, or move that file away`;
  }
  return undefined;
}

function nearestExisting(absolute: string): { path: string; stats: Stats } {
  let current = absolute;
  for (;;) {
    const stats = statOrNothing(current);
    if (stats) return { path: current, stats };
    const parent = dirname(current);
    if (parent === current) return { path: current, stats: statSync(current) };
    current = parent;
  }
}

/** `stat` (or `lstat`), or undefined when nothing is there: no entry, or a path that runs through a file (ENOTDIR). */
export function statOrNothing(path: string, stat: typeof statSync = statSync): Stats | undefined {
  try {
    return stat(path, { throwIfNoEntry: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * Whether this process may write (or execute) `path`, by its mode as well as by the access check: root passes every
 * access check, but a file or directory nobody may write (mode a-w), or run (a-x), is a clear "leave this alone".
 */
export function mayAccess(path: string, stats: Stats, access: 'write' | 'execute'): boolean {
  const [bits, mode] = access === 'write' ? [0o222, constants.W_OK] : [0o111, constants.X_OK];
  if ((stats.mode & bits) === 0) return false;
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

function startsWithMagic(path: string): boolean {
  const head = Buffer.alloc(SQLITE_MAGIC.length);
  const fd = openSync(path, 'r');
  try {
    const read = readSync(fd, head, 0, head.length, 0);
    return read === head.length && head.equals(SQLITE_MAGIC);
  } finally {
    closeSync(fd);
  }
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a file';
}
