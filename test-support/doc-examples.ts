/**
 * Every public export of a package carries an `@example`, and every example typechecks as printed — as a
 * user of the package would copy it (imports from the package's own name, resolved by self-reference).
 * A package's test calls {@link describeDocExamples} with its entries; the entries' `export … from './…'`
 * statements are followed down to the files that declare each name.
 *
 * @module
 */

import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

export interface DocExamplesOptions {
  /** The package's folder. */
  readonly dir: string;
  /** Its name, as users import it (for the test titles). */
  readonly name: string;
  /** The entries (package.json `exports`), as files under src/. */
  readonly entries: readonly string[];
  /** Names the scan must find, so that it cannot pass by finding nothing. */
  readonly mustFind: readonly string[];
  /** Files (under src/) whose exports are documented in another package. */
  readonly documentedElsewhere?: readonly string[];
}

interface PublicExport {
  readonly name: string;
  /** Relative to src/. */
  readonly file: string;
  readonly examples: readonly string[];
}

/** `./x.js` from `dir/index.ts` → `dir/x.ts`. */
function resolveFrom(file: string, specifier: string): string {
  const dir = dirname(file);
  return join(dir === '.' ? '' : dir, specifier).replace(/\.js$/, '.ts');
}

/** Names an `export { a, type B as C }` list makes public. */
function namesOf(list: string): string[] {
  return list
    .split(',')
    .map((part) => part.trim().replace(/^type\s+/, ''))
    .filter((part) => part.length > 0)
    .map((part) => part.split(/\s+as\s+/).pop() as string);
}

const DECLARATION = '(?:declare\\s+)?(?:abstract\\s+)?(?:class|interface|type|function|async\\s+function|const|enum)';

/** The public exports of the package at `srcDir`, each with the ```ts blocks of its `@example` tags. */
function publicExports(srcDir: string, entries: readonly string[], elsewhere: ReadonlySet<string>): PublicExport[] {
  const read = (file: string) => readFileSync(join(srcDir, file), 'utf8');
  const declaredExports = (file: string) =>
    [...read(file).matchAll(new RegExp(`^export\\s+${DECLARATION}\\s+([A-Za-z_$][\\w$]*)`, 'gm'))].map(
      (m) => m[1] as string,
    );
  const examplesOf = (file: string, name: string): string[] => {
    const declaration = new RegExp(
      `/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*\\n\\s*export\\s+${DECLARATION}\\s+${name}\\b`,
    ).exec(read(file));
    if (!declaration) return [];
    const doc = (declaration[1] as string)
      .split('\n')
      .map((line) => line.replace(/^\s*\* ?/, ''))
      .join('\n');
    return doc
      .split(/^@/m)
      .filter((tag) => tag.startsWith('example'))
      .flatMap((tag) => [...tag.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string));
  };
  const found = new Map<string, PublicExport>();
  const visit = (file: string, only: readonly string[] | undefined) => {
    for (const name of declaredExports(file)) {
      if ((only === undefined || only.includes(name)) && !found.has(name)) {
        found.set(name, { name, file, examples: examplesOf(file, name) });
      }
    }
    for (const m of read(file).matchAll(/^export\s+(?:type\s+)?(\*|\{[^}]*\})\s+from\s+'([^']+)';/gm)) {
      const [, what, specifier] = m as unknown as [string, string, string];
      if (!specifier.startsWith('.')) continue; // another package's export is documented there
      const target = resolveFrom(file, specifier);
      if (elsewhere.has(target)) continue;
      const names = what === '*' ? undefined : namesOf(what.slice(1, -1));
      visit(target, only === undefined ? names : (names ?? only).filter((n) => only.includes(n)));
    }
  };
  for (const entry of entries) visit(entry, undefined);
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The three checks, as a vitest `describe` of the calling package's test file. */
export function describeDocExamples(options: DocExamplesOptions): void {
  const srcDir = join(options.dir, 'src');
  describe(`doc examples of the public exports of ${options.name}`, () => {
    const exports = publicExports(srcDir, options.entries, new Set(options.documentedElsewhere ?? []));

    it('finds the public surface (the entries are read, not skipped)', () => {
      expect(exports.map((e) => e.name)).toEqual(expect.arrayContaining([...options.mustFind]));
    });

    it('gives every public export an @example', () => {
      const missing = exports.filter((e) => e.examples.length === 0).map((e) => `${e.name} (src/${e.file})`);
      expect(missing).toEqual([]);
    });

    it(`typechecks every @example as printed, as a user of ${options.name} would copy it`, async () => {
      // Inside the package, so that the package's own name resolves to it (self-reference).
      const dir = join(options.dir, `.doc-examples-${process.pid}`);
      mkdirSync(dir, { recursive: true });
      try {
        const files: string[] = [];
        // Numbered: two exports may differ only in case (`Step` and `step`).
        for (const [n, e] of exports.entries()) {
          e.examples.forEach((code, i) => {
            const file = `${n}-${e.name}-${i}.ts`;
            writeFileSync(join(dir, file), code.includes('import ') ? code : `export {};\n${code}`);
            files.push(file);
          });
        }
        writeFileSync(
          join(dir, 'tsconfig.json'),
          JSON.stringify({ extends: '../tsconfig.json', compilerOptions: { noEmit: true }, include: files }),
        );
        const tsc = join(options.dir, '..', '..', 'node_modules', '.bin', 'tsc');
        const result = await run(tsc, ['-p', join(dir, 'tsconfig.json')], { cwd: options.dir }).then(
          () => '',
          (error: { stdout?: string }) => error.stdout ?? String(error),
        );
        expect(result).toBe('');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);
  });
}
