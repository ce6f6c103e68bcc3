/**
 * The README against the code it shows: the example test printed there is the file that runs
 * (example/crm-call-outcome.test.ts), and every library scenario is listed. It sits at the top of
 * test/: the README covers the whole package.
 *
 * @module
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { library } from '../src/library/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('shows the example test exactly as the file that npm test runs', () => {
    const example = readFileSync(new URL('./example/crm-call-outcome.test.ts', import.meta.url), 'utf8');
    const block = readme.split('<!-- example:crm-call-outcome -->\n```ts\n')[1]?.split('```')[0];
    expect(block).toBe(example);
  });

  it('lists every library scenario', () => {
    for (const s of library) {
      const shown = s.name.startsWith('failure: ') ? s.name.slice('failure: '.length) : s.name;
      expect(readme, s.name).toContain(shown);
    }
  });
});
