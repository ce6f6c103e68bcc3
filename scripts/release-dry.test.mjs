/**
 * `npm run release:dry` describes each tarball by folder, or file by file with --files.
 *
 * @module
 */

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeTarball, formatBytes } from './release-dry.mjs';

const tarball = {
  name: '@omnikit/sdk',
  version: '0.2.0',
  size: 2048,
  unpackedSize: 3 * 1024 * 1024,
  files: [
    { path: 'package.json', size: 900 },
    { path: 'dist/index.js', size: 1024 },
    { path: 'dist/index.d.ts', size: 512 },
    { path: 'bin/sdk.js', size: 10 },
  ],
};

describe('describeTarball', () => {
  it('heads with name@version, file count and sizes, then one line per folder and top-level file', () => {
    assert.deepEqual(describeTarball(tarball), [
      '@omnikit/sdk@0.2.0: 4 files, 2.0 kB packed, 3.0 MB unpacked',
      `  ${'bin/'.padEnd(20)} 1 file, 10 B`,
      `  ${'dist/'.padEnd(20)} 2 files, 1.5 kB`,
      `  ${'package.json'.padEnd(20)} 900 B`,
    ]);
  });

  it('lists every file with --files', () => {
    const lines = describeTarball(tarball, true);
    assert.equal(lines.length, 5);
    assert.equal(lines[2], '  dist/index.js  (1.0 kB)');
  });

  it('formats bytes as B, kB and MB', () => {
    assert.deepEqual(
      [formatBytes(1023), formatBytes(1536), formatBytes(5 * 1024 * 1024)],
      ['1023 B', '1.5 kB', '5.0 MB'],
    );
  });
});
