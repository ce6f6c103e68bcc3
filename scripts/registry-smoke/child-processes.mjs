/**
 * The smoke test's child processes and temporary folders, and their clean-up whatever happens.
 *
 * Each child runs in its own process group (`detached`), so stopping it stops what it started too
 * (`npx` → node, `npm install` → node-gyp → make), and a Ctrl-C in the terminal reaches only this
 * script, which then stops the groups itself. `cleanUpNow()` is synchronous so it can run from an
 * `exit` handler as the last resort.
 *
 * @module
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const groups = new Set();
const folders = new Set();
let keep = false;
const OUTPUT_LIMIT = 256 * 1024;

/** A fresh folder under the system's temp directory (outside the repository), removed at clean-up. */
export function tempFolder(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  folders.add(dir);
  return dir;
}

/**
 * The environment a user's shell would give a child: without the `npm_*` variables `npm run` sets
 * (`npm_config_local_prefix` would make npm in the fresh project act on this repository).
 */
export function userEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== 'INIT_CWD') env[key] = value;
  }
  return { ...env, ...extra };
}

/**
 * Starts a child in its own process group. `echo(line)`, when given, sees each output line as it
 * comes. The handle: `pid`, `output()` (stdout and stderr so far, capped), `stdout()` (stdout alone),
 * `exited` (resolves to `{ code, signal }`), `hasExited()`.
 */
export function start(command, args, { cwd, env = userEnv(), echo } = {}) {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  groups.add(child.pid);
  let output = '';
  let stdout = '';
  let partial = '';
  const take = (chunk) => {
    const text = chunk.toString();
    if (output.length < OUTPUT_LIMIT) output += text;
    if (!echo) return;
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) echo(line);
  };
  child.stdout.on('data', (chunk) => {
    if (stdout.length < OUTPUT_LIMIT) stdout += chunk.toString();
    take(chunk);
  });
  child.stderr.on('data', take);
  let done = false;
  const exited = new Promise((resolve) => {
    child.on('error', (error) => {
      output += `\n${error.message}`;
      done = true;
      groups.delete(child.pid);
      resolve({ code: null, signal: null });
    });
    child.on('close', (code, signal) => {
      if (echo && partial) echo(partial);
      done = true;
      groups.delete(child.pid);
      resolve({ code, signal });
    });
  });
  return { pid: child.pid, output: () => output, stdout: () => stdout, exited, hasExited: () => done };
}

/**
 * Runs a command to its end; rejects with its output's tail when it exits non-zero or outlives
 * `timeoutMs`. Resolves to its whole output (stdout alone with `stdoutOnly`).
 */
export async function run(command, args, { timeoutMs = 120_000, stdoutOnly = false, ...options } = {}) {
  const child = start(command, args, options);
  let timer;
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const result = await Promise.race([child.exited, timedOut]);
  clearTimeout(timer);
  const shown = `${command} ${args.join(' ')}`;
  if (result === 'timeout') {
    await stop(child);
    throw new Error(`${shown} did not finish within ${timeoutMs / 1000} s:\n${tail(child.output())}`);
  }
  if (result.code !== 0) {
    throw new Error(`${shown} exited with ${result.code ?? result.signal}:\n${tail(child.output())}`);
  }
  return stdoutOnly ? child.stdout() : child.output();
}

/** SIGTERM to the child's group, then SIGKILL after `graceMs`; resolves once it has exited. */
export async function stop(child, graceMs = 5_000) {
  if (child.hasExited()) return;
  signalGroup(child.pid, 'SIGTERM');
  let timer;
  const late = new Promise((resolve) => {
    timer = setTimeout(() => resolve('late'), graceMs);
  });
  if ((await Promise.race([child.exited, late])) === 'late') {
    signalGroup(child.pid, 'SIGKILL');
    await child.exited;
  }
  clearTimeout(timer);
}

/** Leaves the temp folders in place at clean-up (to look into a failure); processes are still stopped. */
export function keepTempFolders() {
  keep = true;
}

/** Kills every child group still running and removes every temp folder (unless kept), synchronously. */
export function cleanUpNow() {
  for (const pid of groups) signalGroup(pid, 'SIGKILL');
  groups.clear();
  if (!keep) for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  folders.clear();
}

/** The last lines of a child's output, for an error message. */
export function tail(text, lines = 40) {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
}
