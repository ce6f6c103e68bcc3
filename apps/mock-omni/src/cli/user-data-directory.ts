/**
 * Where `omni-mock` keeps its database when no `--db` is given: a per-user data directory,
 * so that `npx @omnikit/mock-omni` run from anywhere finds the same demo system again, and an
 * installed package never writes inside `node_modules` or the npx cache. Pure: the platform, the
 * environment and the home directory are passed in, so every platform's answer is testable on one.
 *
 * @module
 */

import { posix, win32 } from 'node:path';

/** What the answer depends on (in main.ts: `process.platform`, `process.env`, `os.homedir()`). */
export interface UserDataEnvironment {
  platform: string;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
}

/** The folder name under the platform's per-user data directory. */
export const DATA_FOLDER = 'omnikit';

/** The database file in that folder. */
export const DEFAULT_DATABASE_FILE = 'omni.db';

/**
 * The per-user data directory of OmniKit: `%LOCALAPPDATA%\omnikit` on Windows (machine-local, not
 * roaming: a database is no profile setting), `~/Library/Application Support/omnikit` on macOS, and
 * elsewhere `$XDG_DATA_HOME/omnikit`, or `~/.local/share/omnikit` when that is unset, empty or
 * relative (the XDG Base Directory spec says to ignore a relative one).
 */
export function userDataDirectory({ platform, env, home }: UserDataEnvironment): string {
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA;
    return win32.join(local && win32.isAbsolute(local) ? local : win32.join(home, 'AppData', 'Local'), DATA_FOLDER);
  }
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', DATA_FOLDER);
  const xdg = env.XDG_DATA_HOME;
  return posix.join(xdg && posix.isAbsolute(xdg) ? xdg : posix.join(home, '.local', 'share'), DATA_FOLDER);
}

/** The database `omni-mock` opens when no `--db` is given. */
export function defaultDatabasePath(environment: UserDataEnvironment): string {
  const dir = userDataDirectory(environment);
  return (environment.platform === 'win32' ? win32 : posix).join(dir, DEFAULT_DATABASE_FILE);
}
