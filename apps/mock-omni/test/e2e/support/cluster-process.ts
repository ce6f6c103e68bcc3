/**
 * `omni-mock cluster` as a child process, run from the TypeScript source (its workers inherit the same Node flags):
 * its output kept line by line, waited on by pattern.
 *
 * @module
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../../src/main.ts', import.meta.url));

export interface ClusterWorker {
  index: number;
  port: number;
  pid: number;
}

export class ClusterProcess {
  readonly lines: string[] = [];
  private readonly listeners = new Set<() => void>();

  private constructor(readonly child: ChildProcess) {
    let rest = '';
    const take = (chunk: Buffer) => {
      rest += chunk.toString('utf8');
      const parts = rest.split('\n');
      rest = parts.pop() ?? '';
      this.lines.push(...parts);
      for (const listener of this.listeners) listener();
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    child.on('exit', () => {
      for (const listener of this.listeners) listener();
    });
  }

  /**
   * `ownGroup`: the cluster leads a process group of its own, as a command started from a terminal does, so that a test
   * can signal the whole group (`signalGroup`) the way the terminal's Ctrl-C or hang-up does.
   */
  static start(args: readonly string[], options: { ownGroup?: boolean } = {}): ClusterProcess {
    const child = spawn(
      process.execPath,
      ['--conditions=@omnikit/source', '--import', 'tsx', MAIN, 'cluster', ...args],
      { stdio: ['ignore', 'pipe', 'pipe'], detached: options.ownGroup === true },
    );
    return new ClusterProcess(child);
  }

  /** Sends `signal` to every process of the cluster's group (started with `ownGroup`), as a terminal does. */
  signalGroup(signal: NodeJS.Signals): void {
    if (this.child.pid === undefined) throw new Error('the cluster has no pid');
    process.kill(-this.child.pid, signal);
  }

  /** The exit code (or the signal that ended it), once it has exited. */
  exited(): Promise<number | NodeJS.Signals | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null)
      return Promise.resolve(this.child.exitCode ?? this.child.signalCode);
    return new Promise((r) => this.child.once('exit', (code, signal) => r(code ?? signal)));
  }

  /** The first line (from line `from` on) matching `pattern`, waiting up to `ms`. */
  waitFor(pattern: RegExp, ms = 60_000, from = 0): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        for (let i = from; i < this.lines.length; i++) {
          const m = pattern.exec(this.lines[i] ?? '');
          if (m) {
            done();
            resolve(m);
            return;
          }
        }
        if (this.child.exitCode !== null || this.child.signalCode !== null) {
          done();
          reject(new Error(`the cluster exited before printing ${pattern}:\n${this.lines.join('\n')}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no line matched ${pattern} within ${ms} ms:\n${this.lines.join('\n')}`));
      }, ms);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  /** The cluster's URL and its workers, once it says it listens. */
  async ready(): Promise<{ url: string; workers: ClusterWorker[] }> {
    const url = (await this.waitFor(/^omni-mock cluster: listening on (http:\/\/\S+)/))[1] ?? '';
    const workers = this.lines.flatMap((line) => {
      const m = /^omni-mock cluster: worker-(\d+) on 127\.0\.0\.1:(\d+) \(pid (\d+)\)/.exec(line);
      return m ? [{ index: Number(m[1]), port: Number(m[2]), pid: Number(m[3]) }] : [];
    });
    return { url, workers: workers.sort((a, b) => a.index - b.index) };
  }

  /** SIGTERM, then the exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((r) => this.child.once('exit', (code) => r(code)));
    this.child.kill('SIGTERM');
    return exited;
  }
}
