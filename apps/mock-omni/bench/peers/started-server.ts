/**
 * Starts one server of the peers bench (the mock, or a peer: node or java) in a process of its own and
 * times it to its first HTTP answer, whatever the status: the moment a client could use it.
 *
 * @module
 */

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A server process the bench started. */
export interface StartedServer {
  name: string;
  url: string;
  pid: number;
  /** From spawning it to its first answer. */
  startupMs: number;
  /** SIGTERM, then waits for the process to exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

/** A TCP port free on 127.0.0.1 now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * Spawns `command args` (its output read and dropped, its last lines kept for an error) and polls `GET
 * <url><path>` every 10 ms until anything answers; throws when it exits first or takes over `timeoutMs`.
 */
export async function startServer(
  name: string,
  command: string,
  args: readonly string[],
  url: string,
  path: string,
  headers: Record<string, string>,
  timeoutMs = 60_000,
): Promise<StartedServer> {
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (d: Buffer) => {
    tail = (tail + d.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  const gone = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
  };
  for (;;) {
    if (exited) throw new Error(`${name} exited before answering:\n${tail}`);
    if (performance.now() - started > timeoutMs) {
      await stop();
      throw new Error(`${name} did not answer within ${timeoutMs} ms:\n${tail}`);
    }
    try {
      const res = await fetch(`${url}${path}`, { headers });
      await res.arrayBuffer();
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  const startupMs = performance.now() - started;
  if (child.pid === undefined) throw new Error(`${name} has no pid`);
  return { name, url, pid: child.pid, startupMs, stop };
}
