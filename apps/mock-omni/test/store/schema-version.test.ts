/**
 * The version of the last mock that opened a file, kept in SQLite's user_version for older builds to name.
 *
 * @module
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/store/create-db.js';
import { decodeVersion, encodeVersion } from '../../src/store/schema-version.js';
import { MOCK_VERSION } from '../../src/version.js';

const dir = mkdtempSync(join(tmpdir(), 'omni-version-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the OmniKit version in a database file', () => {
  it('round-trips a version through the header field; no version before any mock wrote one', () => {
    expect(encodeVersion('0.1.0')).toBe(1_000);
    expect(encodeVersion('2.14.7')).toBe(2_014_007);
    expect(decodeVersion(encodeVersion('2.14.7'))).toBe('2.14.7');
    expect(decodeVersion(encodeVersion('1.0.0-beta.3'))).toBe('1.0.0');
    expect(decodeVersion(0)).toBeUndefined();
    expect(encodeVersion('not a version')).toBe(0);
  });

  it('a mock records its version when it opens a file', () => {
    const file = join(dir, 'v.db');
    const open = createDb(file);
    expect(decodeVersion(Number(open.sqlite.pragma('user_version', { simple: true })))).toBe(MOCK_VERSION);
    open.close();
  });
});
