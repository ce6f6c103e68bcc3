import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isIntegration } from '../dsl/define-integration.js';
import { defineScenario } from '../dsl/define-scenario.js';
import type { SuiteEntry } from '../runner/run-suite.js';

const MODULES = new Set(['.js', '.mjs', '.ts', '.mts']);

function looksLikeScenario(v: unknown): boolean {
  return typeof v === 'object' && v !== null && 'name' in v && 'steps' in v && 'expect' in v && 'given' in v;
}

/** Why a module did not load: `SyntaxError: Unexpected identifier 'is'`, or a plain error's message. */
function loadErrorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.name === 'Error' ? error.message : `${error.name}: ${error.message}`;
}

/**
 * Scenarios from files: JSON (one scenario or an array, plain data) or modules whose exports are
 * scenarios or integrations (`defineIntegration`; `.ts` needs a TypeScript loader such as tsx). A
 * directory is read for such files, not recursively. Every scenario is parsed again, so a
 * hand-written JSON file is checked too. A file that cannot be read, parsed or imported (a syntax error,
 * a module that throws as it loads) is an error naming it.
 */
export async function loadScenarios(paths: readonly string[]): Promise<SuiteEntry[]> {
  const out: { scenario: SuiteEntry; file: string }[] = [];
  for (const p of paths) {
    const full = resolve(p);
    const info = await stat(full).catch(() => undefined);
    if (!info) throw new Error(`no such file or directory: ${p}`);
    const files = info.isDirectory()
      ? (await readdir(full))
          .filter((f) => f.endsWith('.json') || MODULES.has(extname(f)))
          .filter((f) => !f.endsWith('.d.ts') && !f.endsWith('.test.ts'))
          .sort()
          .map((f) => join(full, f))
      : [full];
    for (const file of files) {
      const found: unknown[] = [];
      if (file.endsWith('.json')) {
        let data: unknown;
        try {
          data = JSON.parse(await readFile(file, 'utf8'));
        } catch (error) {
          throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
        }
        found.push(...(Array.isArray(data) ? data : [data]));
      } else if (MODULES.has(extname(file))) {
        let mod: Record<string, unknown>;
        try {
          mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
        } catch (error) {
          throw new Error(`${file}: could not be loaded (${loadErrorText(error)})`);
        }
        for (const v of Object.values(mod)) {
          if (Array.isArray(v)) found.push(...v.filter((x) => looksLikeScenario(x) || isIntegration(x)));
          else if (looksLikeScenario(v) || isIntegration(v)) found.push(v);
        }
      } else throw new Error(`${file}: not a .json, .js, .mjs, .ts or .mts file`);
      if (found.length === 0 && !info.isDirectory()) throw new Error(`${file}: no scenario in it`);
      for (const s of found) out.push({ scenario: isIntegration(s) ? s : defineScenario(s as never), file });
    }
  }
  // The same scenario exported twice (a module's named and array exports) runs once; two different
  // scenarios under one name would be one line of the report, so that is an error, not a silent skip.
  const byName = new Map<string, { scenario: SuiteEntry; file: string }>();
  for (const s of out) {
    const seen = byName.get(s.scenario.name);
    if (!seen) byName.set(s.scenario.name, s);
    else if (
      seen.scenario !== s.scenario &&
      (isIntegration(s.scenario) || JSON.stringify(seen.scenario) !== JSON.stringify(s.scenario))
    )
      throw new Error(`two different scenarios are named "${s.scenario.name}" (${seen.file} and ${s.file})`);
  }
  return [...byName.values()].map((s) => s.scenario);
}
