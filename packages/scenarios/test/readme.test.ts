/**
 * The README against the code it shows: the example test printed there is the file that runs
 * (example/crm-call-outcome.test.ts), every library scenario is listed, and each variant matrix it
 * prints is what its command prints now (run here in-process, each variant on a fresh mock). It sits
 * at the top of test/: the README covers the whole package.
 *
 * @module
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import { library } from '../src/library/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** Each `<!-- matrix:NAME -->` block: its command and the matrix printed under it. */
const matrices = [...readme.matchAll(/<!-- matrix:([a-z-]+) -->\n```sh\n(.*)\n```\n\n```text\n([\s\S]*?)\n```/g)].map(
  ([, name, command, printed]) => ({ name: name as string, command: command as string, printed: printed as string }),
);

/** The command's arguments after `omnikit-scenarios`, paths read from the repository root (where it is run). */
function argvOf(command: string): string[] {
  const words = command.split(/\s+/);
  const args = words.slice(words.findIndex((w) => w.endsWith('omnikit-scenarios')) + 1);
  return args.map((a) => (a.includes('/') && !a.startsWith('-') ? join(repositoryRoot, a) : a));
}

describe('README', () => {
  it('shows the example test exactly as the file that npm test runs', () => {
    const example = readFileSync(new URL('./example/crm-call-outcome.test.ts', import.meta.url), 'utf8');
    const block = readme.split('<!-- example:crm-call-outcome -->\n```ts\n')[1]?.split('```')[0];
    expect(block).toBe(example);
  });

  it('shows the WhatsApp example test exactly as the file that npm test runs', () => {
    const example = readFileSync(new URL('./example/crm-whatsapp-window.test.ts', import.meta.url), 'utf8');
    const block = readme.split('<!-- example:crm-whatsapp-window -->\n```ts\n')[1]?.split('```')[0];
    expect(block).toBe(example);
  });

  it('lists every library scenario', () => {
    for (const s of library) {
      const shown = s.name.startsWith('failure: ') ? s.name.slice('failure: '.length) : s.name;
      expect(readme, s.name).toContain(shown);
    }
  });

  it('shows a variant matrix for the library and for the fragile CRM', () => {
    expect(matrices.map((m) => m.name)).toEqual(['library', 'fragile-crm']);
    for (const m of matrices) expect(argvOf(m.command).slice(0, 3)).toEqual(['run', '--vary', 'all']);
  });

  for (const m of matrices) {
    it(`prints the ${m.name} matrix its command prints`, async () => {
      const out: string[] = [];
      const code = await runCli(argvOf(m.command), { out: (t) => out.push(t), err: () => {}, env: {} });
      expect(out.join('\n')).toBe(m.printed);
      expect(code).toBe(m.printed.includes(' 0 failed,') ? 0 : 1);
    }, 900_000);
  }
});
