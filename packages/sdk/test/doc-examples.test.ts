import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(pkgDir, 'src');

/** The package's entries (package.json `exports`), as source. */
const ENTRIES = ['index.ts', 'node/index.ts'];

/**
 * Declared in the sdk but shared with the mock, which has its own copy of the helper; its doc
 * lives with the helper.
 */
const DOCUMENTED_ELSEWHERE = new Set(['phone/sdp-direction.ts']);

interface PublicExport {
  readonly name: string;
  /** Relative to src/. */
  readonly file: string;
  readonly examples: readonly string[];
}

const read = (file: string) => readFileSync(join(srcDir, file), 'utf8');

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

/** Every name a source file declares with `export <kind> Name`. */
function declaredExports(file: string): string[] {
  const pattern =
    /^export\s+(?:declare\s+)?(?:abstract\s+)?(?:class|interface|type|function|async\s+function|const|enum)\s+([A-Za-z_$][\w$]*)/gm;
  return [...read(file).matchAll(pattern)].map((m) => m[1] as string);
}

/** The ```ts blocks of the `@example` tags in the doc comment right above `export … name`. */
function examplesOf(file: string, name: string): string[] {
  const text = read(file);
  const declaration = new RegExp(
    `/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*\\n\\s*export\\s+(?:declare\\s+)?(?:abstract\\s+)?(?:class|interface|type|function|async\\s+function|const|enum)\\s+${name}\\b`,
  ).exec(text);
  if (!declaration) return [];
  const body = (declaration[1] as string)
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''))
    .join('\n');
  return body
    .split(/^@/m)
    .filter((tag) => tag.startsWith('example'))
    .flatMap((tag) => [...tag.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string));
}

/** Follows an entry's `export … from './…'` statements down to the files that declare each name. */
function publicExports(): PublicExport[] {
  const found = new Map<string, PublicExport>();
  const add = (name: string, file: string) => {
    if (!found.has(name)) found.set(name, { name, file, examples: examplesOf(file, name) });
  };
  const visit = (file: string, only: readonly string[] | undefined) => {
    const text = read(file);
    const local = declaredExports(file);
    for (const name of local) if (only === undefined || only.includes(name)) add(name, file);
    for (const m of text.matchAll(/^export\s+(?:type\s+)?(\*|\{[^}]*\})\s+from\s+'([^']+)';/gm)) {
      const [, what, specifier] = m as unknown as [string, string, string];
      if (!specifier.startsWith('.')) continue; // another package's export is documented there
      const target = resolveFrom(file, specifier);
      if (DOCUMENTED_ELSEWHERE.has(target)) continue;
      const names = what === '*' ? undefined : namesOf(what.slice(1, -1));
      visit(target, only === undefined ? names : (names ?? only).filter((n) => only.includes(n)));
    }
  };
  for (const entry of ENTRIES) visit(entry, undefined);
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

describe('doc examples of the public exports', () => {
  const exports = publicExports();

  it('finds the public surface (the entries are read, not skipped)', () => {
    const names = exports.map((e) => e.name);
    expect(names).toEqual(
      expect.arrayContaining(['OmniClient', 'AgentSession', 'OmniPhone', 'toNodeListener', 'CallsMethods']),
    );
  });

  it('gives every public export of the sdk an @example', () => {
    const missing = exports.filter((e) => e.examples.length === 0).map((e) => `${e.name} (src/${e.file})`);
    expect(missing).toEqual([]);
  });

  it('typechecks every @example as printed, as a user of @omnikit/sdk would copy it', async () => {
    // Inside the package, so that `@omnikit/sdk` resolves to this package (self-reference).
    const dir = join(pkgDir, `.doc-examples-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    try {
      const files: string[] = [];
      for (const e of exports) {
        e.examples.forEach((code, i) => {
          const file = `${e.name}-${i}.ts`;
          writeFileSync(join(dir, file), code.includes('import ') ? code : `export {};\n${code}`);
          files.push(file);
        });
      }
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({ extends: '../tsconfig.json', compilerOptions: { noEmit: true }, include: files }),
      );
      const tsc = join(pkgDir, '..', '..', 'node_modules', '.bin', 'tsc');
      const result = await run(tsc, ['-p', join(dir, 'tsconfig.json')], { cwd: pkgDir }).then(
        () => '',
        (error: { stdout?: string }) => error.stdout ?? String(error),
      );
      expect(result).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
