/**
 * What the benches that load a server over HTTP share: a server in a process of its own (so it shares no event loop or
 * heap with the load generator), started and stopped the same way.
 *
 * @module
 */

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The mock's built CLI, as `npm start` and `omni-mock` run it. */
export const MOCK_BIN = fileURLToPath(new URL('../bin/omni-mock.js', import.meta.url));

/** The mock's "listening on <url>" banner line. */
export const MOCK_LISTENING = /listening on (http:\/\/[0-9.]+:[0-9]+)/;

export interface Served {
  url: string;
  pid: number;
  /** Each complete line the server prints on stdout from now on. */
  onLine(listener: (line: string) => void): void;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<void>;
}

/** Spawns a server process and waits for the line that gives its URL. */
export async function serve(name: string, args: string[], listening: RegExp): Promise<Served> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const listeners: ((line: string) => void)[] = [];
  let out = '';
  let partial = '';
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const url = await new Promise<string>((resolve, reject) => {
    let found = false;
    child.stdout.on('data', (d: Buffer) => {
      if (!found) {
        out += d.toString();
        const m = listening.exec(out);
        if (m?.[1]) {
          found = true;
          resolve(m[1]);
        }
        return;
      }
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) for (const l of listeners) l(line);
    });
    child.once('exit', (code) => {
      if (!found) reject(new Error(`${name} exited (${code}) before listening:\n${out}`));
    });
  });
  if (child.pid === undefined) throw new Error(`${name} has no pid`);
  const pid = child.pid;
  return {
    url,
    pid,
    onLine: (listener) => listeners.push(listener),
    stop: async () => {
      if (exited) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    },
  };
}

/** The benches run the built CLI: its bundle (made from dist/ by the build) must exist. */
export function requireBuild(): void {
  if (!existsSync(fileURLToPath(new URL('../dist/bundle/omni-mock.js', import.meta.url)))) {
    throw new Error(
      'dist/bundle/omni-mock.js is missing: npm run build -w @omnikit/mock-omni first (turbo does it for npm run bench)',
    );
  }
}

/** /proc's clock ticks per second on Linux (USER_HZ). */
const TICKS = 100;

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat (0 where there is no /proc). */
export function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
}
