/**
 * The README's screens are real: each screenshot it links or shows is in `docs/screenshots` and is written by a
 * browser test (so `OMNIKIT_UPDATE_SCREENSHOTS=1` regenerates it), and the page shows the agent desktop and the
 * supervisor's charts, not only links to them.
 *
 * @module
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const e2e = join(root, 'test/e2e');
const writtenByTests = readdirSync(e2e)
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => readFileSync(join(e2e, f), 'utf8'))
  .join('\n');

const linked = [...readme.matchAll(/\(docs\/screenshots\/([\w-]+\.png)\)/g)].map((m) => m[1] ?? '');
const shown = [...readme.matchAll(/!\[[^\]]*\]\(docs\/screenshots\/([\w-]+\.png)\)/g)].map((m) => m[1] ?? '');

describe('the README’s screenshots', () => {
  it('each one it names exists and is written by a browser test', () => {
    expect(linked.length).toBeGreaterThan(10);
    for (const file of new Set(linked)) {
      expect(existsSync(join(root, 'docs/screenshots', file)), file).toBe(true);
      const name = file.replace(/\.png$/, '');
      const writes = writtenByTests.includes(`\${SCREENSHOTS}${file}`) || writtenByTests.includes(`shot('${name}')`);
      expect(writes, `no browser test writes ${file}`).toBe(true);
    }
  });

  it('shows the agent desktop and the supervisor’s live charts', () => {
    expect(shown).toEqual(expect.arrayContaining(['desktop-1366.png', 'supervisor-charts.png']));
  });
});
