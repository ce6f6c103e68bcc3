/**
 * The architecture map check finds each kind of drift on a small repository made for it.
 *
 * @module
 */

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkArchitectureMap } from './check-architecture-map.mjs';

describe('checkArchitectureMap', () => {
  let root;
  const write = (path, text = '') => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const map = (lines) => write('docs/architecture.md', `# Map\n\n${lines.join('\n')}\n`);
  const full = [
    '- `packages/a/` — a package',
    '- `packages/a/src/` — its source',
    '- `packages/a/src/core/` — the core',
    '- `packages/a/test/` — its tests',
    '- `packages/a/test/core/` — tests of the core',
    '- `packages/a/test/support/` — helpers',
    '',
    'Cross-cutting test folders: `support/`, `e2e/`.',
  ];

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'omnikit-map-'));
    execFileSync('git', ['init', '-q'], { cwd: root });
    write('package.json', JSON.stringify({ workspaces: ['packages/a'] }));
    write('packages/a/src/core/x.ts');
    write('packages/a/test/core/x.test.ts');
    write('packages/a/test/support/h.ts');
    write('.gitignore', 'packages/a/dist/\n');
    write('packages/a/dist/out/y.js');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('holds when every folder is named and tests mirror the source (ignored output does not count)', () => {
    map(full);
    assert.deepEqual(checkArchitectureMap(root), []);
  });

  it('names a folder of the map that does not exist', () => {
    map([...full, '- `packages/a/src/gone/` — moved away']);
    assert.deepEqual(checkArchitectureMap(root), [
      'docs/architecture.md names packages/a/src/gone/, which does not exist',
    ]);
  });

  it('names a folder of a package that the map leaves out', () => {
    map(full.filter((line) => !line.includes('src/core/')));
    assert.deepEqual(checkArchitectureMap(root), ['packages/a/src/core/ is not named in docs/architecture.md']);
  });

  it('names a test folder that mirrors no source folder', () => {
    write('packages/a/test/elsewhere/z.test.ts');
    map([...full, '- `packages/a/test/elsewhere/` — tests of nothing in src']);
    assert.deepEqual(checkArchitectureMap(root), [
      'packages/a/test/elsewhere/ mirrors no folder of packages/a/src/ and is not a cross-cutting test folder',
    ]);
    rmSync(join(root, 'packages/a/test/elsewhere'), { recursive: true });
  });
});
