/**
 * Which OmniKit wrote a database. The migrations a build knows are its schema; the file carries the version of the
 * last mock that opened it in SQLite's `user_version` header field (no table, so an older build reads it without
 * knowing any newer migration): major·1,000,000 + minor·1,000 + patch.
 *
 * @module
 */

import type Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { MOCK_VERSION } from '../version.js';

export interface KnownSchema {
  /** `created_at` of every migration this build ships (drizzle stores it per applied migration). */
  migrations: ReadonlySet<number>;
  /** How many migrations this build ships. */
  count: number;
}

export function knownSchema(migrationsFolder: string): KnownSchema {
  const millis = readMigrationFiles({ migrationsFolder }).map((m) => m.folderMillis);
  return { migrations: new Set(millis), count: millis.length };
}

export function encodeVersion(version: string = MOCK_VERSION): number {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) return 0;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (minor > 999 || patch > 999 || major > 2000) return 0;
  return major * 1_000_000 + minor * 1_000 + patch;
}

/** `0.3.1` from the header field, or undefined when no mock recorded one (files before this field). */
export function decodeVersion(userVersion: number): string | undefined {
  if (!Number.isInteger(userVersion) || userVersion <= 0) return undefined;
  return `${Math.floor(userVersion / 1_000_000)}.${Math.floor(userVersion / 1_000) % 1_000}.${userVersion % 1_000}`;
}

/** How a database's migrations stand against this build's, and its version as a message names it. */
export interface SchemaStanding {
  /** `newer`: a migration this build does not ship; `current`: exactly this build's; `older`: some of ours missing. */
  standing: 'newer' | 'current' | 'older';
  /** `omni-mock 0.1.0, schema 13` (the version when the file records it). */
  file: string;
  /** This build's, the same way: `omni-mock 0.1.0, schema 13`. */
  ours: string;
}

/** Reads `__drizzle_migrations` and `user_version` of an open database (which must have the table). */
export function schemaStanding(sqlite: Database.Database, known: KnownSchema): SchemaStanding {
  const applied = (sqlite.prepare('SELECT created_at FROM __drizzle_migrations').pluck().all() as unknown[]).map(
    Number,
  );
  const fileVersion = decodeVersion(Number(sqlite.pragma('user_version', { simple: true })));
  const standing = applied.some((at) => !known.migrations.has(at))
    ? 'newer'
    : new Set(applied).size === known.count
      ? 'current'
      : 'older';
  return {
    standing,
    file: `${fileVersion ? `omni-mock ${fileVersion}, ` : ''}schema ${applied.length}`,
    ours: `omni-mock ${MOCK_VERSION}, schema ${known.count}`,
  };
}
