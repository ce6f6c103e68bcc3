/**
 * What every published OmniKit package must be, checked on the tarball `npm pack` makes.
 *
 * Each package's `test/package.test.ts` calls {@link describePublishedPackage} with what is its own
 * (the subpaths to `require()`, the folders its runtime reads); the suite builds the package, packs
 * it into a temp folder, installs that tarball into a temp project (its dependencies linked from the
 * repository's node_modules, nothing else), and checks:
 * - package.json: not private, MIT, `engines`, `repository`, `files` without `src`, description, keywords;
 * - the README: the CommonJS note every package carries ({@link COMMONJS_NOTE});
 * - the tarball: only built files, README, CHANGELOG and LICENSE (the root's text); every module with its
 *   declarations and a source map that carries its sources (no map points at an unshipped file);
 * - `exports` and `bin` point at shipped files; only the repository's `@omnikit/source` condition
 *   points at `src/` (tests and scripts inside the repo resolve to TypeScript through it);
 * - every package the built code imports is declared, every declared one is used, the types the
 *   declarations import resolve for a consumer, and @omnikit packages are pinned to this version;
 * - publint (strict) and @arethetypeswrong/cli (Node ESM and bundlers; the CommonJS findings of an
 *   ESM-only package are the only ones allowed);
 * - Node 20.19+ `require()` of each entry from a .cjs file (require(esm): no top-level await);
 * - each bin runs (`--help`) from the installed tarball.
 *
 * @module
 */

import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { init as initLexer, parse as parseModule } from 'es-module-lexer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
export const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const binOf = (name: string) => join(REPO_ROOT, 'node_modules', '.bin', name);

/** The repository these packages are published from (inferred: the project has no public remote yet). */
export const REPOSITORY_URL = 'git+https://github.com/omnikit/omnikit.git';
export const NODE_ENGINE = '>=20.19';
/** The export condition that points the repository's tests and scripts at TypeScript sources. */
export const SOURCE_CONDITION = '@omnikit/source';

/** What every package's README says about CommonJS callers (compared with runs of whitespace as one space). */
export const COMMONJS_NOTE =
  "**CommonJS:** the OmniKit packages are ESM only. Node 20.19 and later can `require()` them (Node's " +
  '`require()` of ES modules; none of them uses top-level await); older Node versions cannot, and there ' +
  'CommonJS code loads them with `import()`. TypeScript needs `moduleResolution` `node16`, `nodenext` or ' +
  '`bundler`.';

export interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly description?: string;
  readonly keywords?: readonly string[];
  readonly license?: string;
  readonly type?: string;
  readonly repository?: { readonly type?: string; readonly url?: string; readonly directory?: string };
  readonly engines?: Readonly<Record<string, string>>;
  readonly files?: readonly string[];
  readonly bin?: string | Readonly<Record<string, string>>;
  readonly exports?: unknown;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly peerDependenciesMeta?: Readonly<Record<string, { readonly optional?: boolean }>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
}

/** What is particular to one package. */
export interface PublishedPackageSpec {
  /** The package's folder. */
  readonly dir: string;
  /**
   * For each module subpath of `exports` ('.' for the main entry), an export that the entry must
   * have when `require()`d from CommonJS. Must name every module subpath.
   */
  readonly requires: Readonly<Record<string, string>>;
  /** Folders (relative to the package) whose every file the runtime reads, so the tarball ships. */
  readonly ships?: readonly string[];
  /**
   * Folders of bundles (not built by tsc: no declarations, sources outside `src/`). The packages a bundle imports (its
   * externals) must be dependencies like any other.
   */
  readonly bundles?: readonly string[];
  /** Dependencies the built code loads other than by a static specifier, each with where. */
  readonly loadedOtherwise?: Readonly<Record<string, string>>;
}

export interface PackedPackage {
  readonly dir: string;
  readonly manifest: Manifest;
  /** The tarball npm pack made. */
  readonly tarball: string;
  /** The tarball's files, relative to the package root. */
  readonly files: readonly string[];
  /** A temp project whose node_modules holds the unpacked tarball and links to its dependencies only. */
  readonly project: string;
  /** The package's folder inside `project`. */
  readonly installed: string;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

/** The package a bare specifier names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(packageOf(specifier));

/** Every target an `exports` value leads to, with the conditions on the way. */
export function exportTargets(
  value: unknown,
  path: readonly string[] = [],
): { subpath: string; conditions: string[]; target: string }[] {
  if (typeof value === 'string') {
    const [subpath, ...conditions] = path[0]?.startsWith('.') ? path : ['.', ...path];
    return [{ subpath: subpath ?? '.', conditions, target: value }];
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => exportTargets(inner, [...path, key]));
}

/** The module subpaths of `exports` (those that lead to JavaScript). */
function moduleSubpaths(manifest: Manifest): string[] {
  const subpaths = exportTargets(manifest.exports)
    .filter((t) => t.target.endsWith('.js'))
    .map((t) => t.subpath);
  return [...new Set(subpaths)].sort();
}

function binsOf(manifest: Manifest): Record<string, string> {
  if (typeof manifest.bin === 'string') return { [packageOf(manifest.name).split('/').pop() as string]: manifest.bin };
  return { ...manifest.bin };
}

const normalise = (path: string) => posix.normalize(path.replace(/^\.\//, ''));

/** Every file below `folder`, relative to `root`, with `/` separators. */
function filesBelow(root: string, folder: string): string[] {
  const base = join(root, folder);
  if (!existsSync(base)) return [];
  return readdirSync(base, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

/** Where `dependency` of the package at `pkgDir` is installed: the nearest node_modules that has it. */
function dependencyFolder(pkgDir: string, dependency: string): string {
  for (let dir = pkgDir; ; dir = dirname(dir)) {
    const folder = join(dir, 'node_modules', dependency);
    if (existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(dir) === dir) throw new Error(`${dependency} is not installed for ${pkgDir}`);
  }
}

/** Links `dependency` into `nodeModules`, as npm would have installed it (the repository's copy). */
function linkDependency(pkgDir: string, nodeModules: string, dependency: string): void {
  const target = join(nodeModules, dependency);
  mkdirSync(dirname(target), { recursive: true });
  symlinkSync(dependencyFolder(pkgDir, dependency), target, 'dir');
}

const prepared = new Map<string, Promise<PackedPackage>>();
const tempDirs: string[] = [];

/**
 * Builds the package (`npm run build`), packs it into a temp folder and installs the tarball into a
 * temp project: once per package and test file.
 */
export function preparePackage(dir: string): Promise<PackedPackage> {
  const key = resolve(dir);
  let ready = prepared.get(key);
  if (!ready) {
    ready = (async () => {
      await run('npm', ['run', 'build', '--silent'], { cwd: key, maxBuffer: 32 * 1024 * 1024 });
      const temp = mkdtempSync(join(tmpdir(), 'omnikit-pack-'));
      tempDirs.push(temp);
      const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', temp], {
        cwd: key,
        maxBuffer: 32 * 1024 * 1024,
      });
      const [report] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
      if (!report) throw new Error(`npm pack gave no report for ${key}`);
      const manifest = readJson<Manifest>(join(key, 'package.json'));
      const project = join(temp, 'project');
      const installed = join(project, 'node_modules', manifest.name);
      mkdirSync(installed, { recursive: true });
      writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'consumer', private: true })}\n`);
      const tarball = join(temp, report.filename);
      await run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
      for (const dependency of Object.keys(manifest.dependencies ?? {})) {
        linkDependency(key, join(project, 'node_modules'), dependency);
      }
      return {
        dir: key,
        manifest,
        tarball,
        files: report.files.map((f) => f.path).sort(),
        project,
        installed,
      };
    })();
    prepared.set(key, ready);
  }
  return ready;
}

/** Runs `node` with Node's default flags (none of the test runner's) in `cwd`. */
export function runNode(args: readonly string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return run(process.execPath, [...args], { cwd, env, maxBuffer: 32 * 1024 * 1024 });
}

interface Imports {
  /** Bare specifiers (packages), with a file that imports each. */
  readonly bare: Map<string, string>;
  /** Relative specifiers, resolved to package-relative paths. */
  readonly relative: string[];
}

async function importsOf(root: string, file: string): Promise<Imports> {
  await initLexer;
  const [imports] = parseModule(readFileSync(join(root, file), 'utf8'), file);
  const bare = new Map<string, string>();
  const relativeImports: string[] = [];
  for (const { n: specifier } of imports) {
    if (specifier === undefined) continue;
    if (specifier.startsWith('.')) relativeImports.push(normalise(posix.join(posix.dirname(file), specifier)));
    else if (!isBuiltin(specifier)) bare.set(specifier, file);
  }
  return { bare, relative: relativeImports };
}

/** Whether a consumer gets types for `dependency` from the package itself (else it needs @types). */
function shipsOwnTypes(pkgDir: string, dependency: string): boolean {
  const folder = dependencyFolder(pkgDir, dependency);
  const manifest = readJson<{ types?: string; typings?: string; exports?: unknown }>(join(folder, 'package.json'));
  if (manifest.types || manifest.typings) return true;
  if (exportTargets(manifest.exports).some((t) => t.conditions.includes('types'))) return true;
  return existsSync(join(folder, 'index.d.ts'));
}

/**
 * The published-package suite for the package at `spec.dir`; `more` adds the package's own checks of
 * the prepared package inside the same suite.
 */
export function describePublishedPackage(spec: PublishedPackageSpec, more?: (pkg: () => PackedPackage) => void): void {
  const manifest = readJson<Manifest>(join(spec.dir, 'package.json'));
  describe(`${manifest.name} as published`, () => {
    let pkg: PackedPackage;
    beforeAll(async () => {
      pkg = await preparePackage(spec.dir);
    }, 240_000);
    afterAll(() => {
      for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
      prepared.clear();
    });

    const bundled = (file: string) => (spec.bundles ?? []).some((b) => file.startsWith(`${normalise(b)}/`));

    it('package.json says what a registry user needs: licence, engines, repository, files', () => {
      const m = pkg.manifest;
      expect(m.private ?? false).toBe(false);
      expect(m.type).toBe('module');
      expect(m.license).toBe('MIT');
      expect(m.engines).toEqual({ node: NODE_ENGINE });
      expect(m.repository).toEqual({
        type: 'git',
        url: REPOSITORY_URL,
        directory: relative(REPO_ROOT, pkg.dir).split('\\').join('/'),
      });
      expect(m.description?.length ?? 0).toBeGreaterThan(20);
      expect(m.keywords?.length ?? 0).toBeGreaterThan(0);
      expect(m.files).toContain('dist');
      expect((m.files ?? []).filter((f) => normalise(f).split('/')[0] === 'src')).toEqual([]);
    });

    it('ships only built files, its README, CHANGELOG and the root LICENSE', () => {
      const roots = new Set((pkg.manifest.files ?? []).map((f) => normalise(f).split('/')[0]));
      const stray = pkg.files.filter(
        (f) =>
          !['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE'].includes(f) &&
          (!roots.has(f.split('/')[0] as string) ||
            (f.endsWith('.ts') && !f.endsWith('.d.ts')) ||
            /\.test\.|(^|\/)(src|test)\//.test(f)),
      );
      expect(stray).toEqual([]);
      expect(pkg.files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE']));
      expect(readFileSync(join(pkg.installed, 'LICENSE'), 'utf8')).toBe(
        readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8'),
      );
    });

    it('its README says what works for CommonJS callers, in the words every package uses', () => {
      const words = (text: string) => text.replace(/\s+/g, ' ');
      const readme = words(readFileSync(join(pkg.installed, 'README.md'), 'utf8'));
      expect(readme.includes(words(COMMONJS_NOTE)), 'the README carries COMMONJS_NOTE').toBe(true);
    });

    it('ships each module with its declarations and a source map that carries its sources', () => {
      const shipped = new Set(pkg.files);
      const problems: string[] = [];
      for (const file of pkg.files) {
        if (file.endsWith('.js') && file.startsWith('dist/')) {
          if (!shipped.has(`${file}.map`)) problems.push(`${file}: no source map`);
          // Declarations are for importers: an app with no module entry (a bin only) ships none.
          const importable = moduleSubpaths(pkg.manifest).length > 0;
          if (importable && !bundled(file) && !shipped.has(file.replace(/\.js$/, '.d.ts')))
            problems.push(`${file}: no .d.ts`);
        }
        if (!file.endsWith('.map')) continue;
        const map = readJson<{ sources: string[]; sourcesContent?: (string | null)[] }>(join(pkg.installed, file));
        const carried = map.sources.every((_, i) => typeof map.sourcesContent?.[i] === 'string');
        if (!carried) problems.push(`${file}: sources not inlined (the map points at files not shipped)`);
        if (bundled(file)) continue;
        // A tsc output whose source is gone is left over from an earlier build: rebuild from a clean dist/.
        for (const source of map.sources) {
          const from = resolve(pkg.dir, dirname(file), source);
          if (!existsSync(from)) problems.push(`${file}: stale (${relative(pkg.dir, from)} is gone)`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('exports and bins point at shipped files; only the repository condition points at src', () => {
      const shipped = new Set(pkg.files);
      const targets = exportTargets(pkg.manifest.exports);
      expect(targets.length).toBeGreaterThan(0);
      for (const { subpath, conditions, target } of targets) {
        if (conditions.includes(SOURCE_CONDITION)) {
          expect(target, `${subpath} ${SOURCE_CONDITION}`).toMatch(/^\.\/src\/.*\.ts$/);
          expect(existsSync(join(pkg.dir, target)), `${target} exists in the repository`).toBe(true);
        } else {
          expect(shipped.has(normalise(target)), `exports ${subpath} [${conditions.join(' ')}] → ${target}`).toBe(true);
        }
      }
      for (const [name, target] of Object.entries(binsOf(pkg.manifest))) {
        expect(shipped.has(normalise(target)), `bin ${name} → ${target}`).toBe(true);
        expect(readFileSync(join(pkg.installed, target), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
      }
    });

    it('ships every file of the folders its runtime reads', () => {
      const shipped = new Set(pkg.files);
      for (const folder of spec.ships ?? []) {
        const files = filesBelow(pkg.dir, folder);
        expect(files.length, `${folder} has files`).toBeGreaterThan(0);
        expect(files.filter((f) => !shipped.has(f))).toEqual([]);
      }
    });

    it('declares every package its built code imports and imports every one it declares', async () => {
      const declared = new Set([
        ...Object.keys(pkg.manifest.dependencies ?? {}),
        ...Object.keys(pkg.manifest.peerDependencies ?? {}),
      ]);
      const imported = new Map<string, string>();
      // Declarations count: a consumer's compiler needs the packages they import (zod's types, say). A bundle's
      // imports count too: what it leaves out (its externals) is loaded from the installed dependencies.
      for (const file of pkg.files.filter((f) => f.endsWith('.js') || f.endsWith('.d.ts'))) {
        for (const [specifier, by] of (await importsOf(pkg.installed, file)).bare)
          imported.set(packageOf(specifier), by);
      }
      imported.delete(pkg.manifest.name);
      const undeclared = [...imported].filter(([name]) => !declared.has(name)).map(([name, by]) => `${name} (${by})`);
      expect(undeclared).toEqual([]);
      const otherwise = Object.keys(spec.loadedOtherwise ?? {});
      const typesOf = (name: string) => name.replace(/^@types\//, '').replace(/^(.*)__(.*)$/, '@$1/$2');
      const unused = [...declared].filter(
        (name) => !imported.has(name) && !otherwise.includes(name) && !imported.has(typesOf(name)),
      );
      expect(unused.sort()).toEqual([]);
      expect(otherwise.filter((name) => !declared.has(name))).toEqual([]);
    });

    it('gives a consumer the types its declarations import (the package or its @types)', async () => {
      const runtime = new Set([
        ...Object.keys(pkg.manifest.dependencies ?? {}),
        ...Object.keys(pkg.manifest.peerDependencies ?? {}),
      ]);
      // The declarations a consumer's compiler reads: those reachable from the exported types.
      const queue = exportTargets(pkg.manifest.exports)
        .filter((t) => t.target.endsWith('.d.ts') && !t.conditions.includes(SOURCE_CONDITION))
        .map((t) => normalise(t.target));
      const seen = new Set<string>();
      const problems: string[] = [];
      while (queue.length > 0) {
        const file = queue.pop() as string;
        if (seen.has(file)) continue;
        seen.add(file);
        const { bare, relative: local } = await importsOf(pkg.installed, file);
        for (const next of local) queue.push(next.replace(/\.js$/, '.d.ts'));
        for (const specifier of bare.keys()) {
          const name = packageOf(specifier);
          if (name === pkg.manifest.name) continue;
          if (!runtime.has(name)) problems.push(`${file} imports types of ${name}, which is not a dependency`);
          else if (!shipsOwnTypes(pkg.dir, name) && !runtime.has(`@types/${name.replace(/^@(.*)\/(.*)$/, '$1__$2')}`))
            problems.push(`${file} imports ${name}, whose types (@types) are not a dependency`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('pins its @omnikit dependencies to its own version (they are released together)', () => {
      const m = pkg.manifest;
      const internal = [m.dependencies, m.peerDependencies, m.devDependencies].flatMap((deps) =>
        Object.entries(deps ?? {}).filter(([name]) => name.startsWith('@omnikit/')),
      );
      expect(internal.filter(([, range]) => range !== m.version)).toEqual([]);
    });

    it('publint (strict) finds nothing', async () => {
      const { stdout } = await run(binOf('publint'), ['--strict'], { cwd: pkg.dir, maxBuffer: 8 * 1024 * 1024 });
      expect(stdout).toContain('All good!');
    }, 120_000);

    it('@arethetypeswrong/cli: every entry resolves with types for Node ESM and bundlers (an app: no types)', async () => {
      // The esm-only profile leaves CommonJS (node16-cjs) and node10 out of the exit code; the only
      // findings allowed there are those every ESM-only package has, listed here exactly.
      const { stdout } = await run(binOf('attw'), [pkg.tarball, '--profile', 'esm-only', '--format', 'json'], {
        cwd: pkg.dir,
        maxBuffer: 32 * 1024 * 1024,
      });
      const { analysis } = JSON.parse(stdout) as {
        analysis: {
          types: false | { kind: string };
          entrypoints?: Record<string, unknown>;
          problems?: { kind: string; resolutionKind?: string }[];
        };
      };
      if (moduleSubpaths(pkg.manifest).length === 0) {
        // An app (a bin only): no module and no types, so nothing a consumer's compiler resolves.
        expect(analysis.types).toBe(false);
        return;
      }
      expect(analysis.types).not.toBe(false);
      const expectedForEsmOnly = (p: { kind: string; resolutionKind?: string }) =>
        (p.kind === 'CJSResolvesToESM' && p.resolutionKind === 'node16-cjs') ||
        (p.kind === 'NoResolution' && p.resolutionKind === 'node10');
      expect((analysis.problems ?? []).filter((p) => !expectedForEsmOnly(p))).toEqual([]);
      expect(Object.keys(analysis.entrypoints ?? {}).sort()).toEqual(
        [...new Set(exportTargets(pkg.manifest.exports).map((t) => t.subpath))].sort(),
      );
    }, 120_000);

    const bins = binsOf(manifest);
    const modules = moduleSubpaths(manifest);

    it('names an export to require() for each module entry', () => {
      expect(Object.keys(spec.requires).sort()).toEqual(modules);
    });

    if (modules.length > 0)
      it('Node 20.19+ require()s each entry from CommonJS (require of ESM: no top-level await)', async () => {
        const checks = Object.entries(spec.requires).map(([subpath, name]) => [
          subpath === '.' ? pkg.manifest.name : `${pkg.manifest.name}/${subpath.slice(2)}`,
          name,
        ]);
        const script = join(pkg.project, 'require-entries.cjs');
        writeFileSync(
          script,
          `const kinds = {};\nfor (const [specifier, name] of ${JSON.stringify(checks)}) kinds[specifier] = typeof require(specifier)[name];\nconsole.log(JSON.stringify(kinds));\n`,
        );
        const { stdout } = await runNode([script], pkg.project);
        const kinds = JSON.parse(stdout) as Record<string, string>;
        expect(Object.keys(kinds).sort()).toEqual(checks.map(([specifier]) => specifier).sort());
        expect(Object.entries(kinds).filter(([, kind]) => kind === 'undefined')).toEqual([]);
      }, 60_000);

    if (Object.keys(bins).length > 0)
      it('runs each bin from the installed tarball alone (--help)', async () => {
        for (const [name, target] of Object.entries(bins)) {
          const { stdout } = await runNode([join(pkg.installed, target), '--help'], pkg.project);
          expect(stdout).toContain(name);
        }
      }, 60_000);

    more?.(() => pkg);
  });
}
