/**
 * The built `omni-mock` CLI as a child process, for the tests that run it as a user does.
 *
 * @module
 */

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const pkgDir = fileURLToPath(new URL('../..', import.meta.url));
const tsc = fileURLToPath(new URL('../../../../node_modules/typescript/bin/tsc', import.meta.url));

/** The CLI's bundle, which `bin/omni-mock.js` runs (`npm run build` makes it after tsc). */
export const CLI_BUNDLE = join(pkgDir, 'dist', 'bundle', 'omni-mock.js');

/** The newest modification time of the tsc output (dist/ but its bundle), in ms. */
function newestCompiled(): number {
  return readdirSync(join(pkgDir, 'dist'), { recursive: true, withFileTypes: true })
    .filter(
      (entry) => entry.isFile() && entry.name.endsWith('.js') && !entry.parentPath.includes(join('dist', 'bundle')),
    )
    .reduce((newest, entry) => Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs), 0);
}

/**
 * Builds what the bin runs when it is missing (turbo builds it before the tests): the mock's dist, then the CLI's
 * bundle of it — made again when tsc has rebuilt dist/ since (`npx tsc -p tsconfig.build.json` alone), so a test
 * never runs a bundle of older code.
 */
export function ensureBuiltCli(): void {
  if (!existsSync(join(pkgDir, 'dist', 'main.js'))) {
    try {
      execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: pkgDir, stdio: 'pipe' });
    } catch {
      // tsc still emits on type errors elsewhere; the existence check below decides.
    }
  }
  expect(existsSync(join(pkgDir, 'dist', 'main.js'))).toBe(true);
  if (!existsSync(CLI_BUNDLE) || statSync(CLI_BUNDLE).mtimeMs < newestCompiled()) {
    execFileSync(process.execPath, [join('scripts', 'build-cli-bundle.mjs')], { cwd: pkgDir, stdio: 'pipe' });
  }
  expect(existsSync(CLI_BUNDLE)).toBe(true);
}

/** A mock CLI that printed its "listening on" line. */
export interface StartedCli {
  child: ChildProcess;
  url: string;
  port: number;
  /** Everything it wrote so far, stdout and stderr interleaved. */
  output: () => string;
  /** What it wrote to stderr alone. */
  errors: () => string;
  /** Its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
}

/**
 * Starts `bin` with `args` (and `env`, the test's own by default) and resolves once it listens (or throws with its output when it exits
 * or does not listen within 15 s). The child is added to `children` so that the test can kill
 * whatever is left in its afterAll.
 */
export async function startCli(
  bin: string,
  args: string[],
  children: Set<ChildProcess>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<StartedCli> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  children.add(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
    err += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 15_000;
  let url: string | undefined;
  while (!url && Date.now() < deadline && child.exitCode === null) {
    url = /listening on (http:\/\/(?:[0-9.]+|\[[0-9a-f:]+\]):[0-9]+)/.exec(out)?.[1];
    if (!url) await new Promise((r) => setTimeout(r, 20));
  }
  if (!url) throw new Error(`the mock did not start:\n${out}`);
  return { child, url, port: Number(new URL(url).port), output: () => out, errors: () => err, exited };
}
