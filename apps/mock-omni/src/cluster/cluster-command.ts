/**
 * `omni-mock cluster` on injected I/O: parses the arguments, starts the cluster, prints its addresses and runs it
 * until told to stop. main.ts gives it the process (argv, output, signals, how to start a worker) and exits with the
 * status it returns: 0 after a clean stop (also one asked for while it starts) or `--help`, 2 on bad usage, 1 when the
 * cluster cannot start (HAProxy missing, the port or the directory in use, a worker that does not come up) or gives up
 * while running (a HAProxy that keeps exiting as it starts): always one line, after every process it started has
 * stopped. A second signal while it stops quits at once, with the shell's code for the signal (130 or 143), as the
 * mock does.
 *
 * @module
 */

import { dirname } from 'node:path';
import { signalExitCode } from '../cli/stop-on-signals.js';
import { ClusterStartError, ClusterStopped, startCluster } from './cluster-supervisor.js';
import { misplacedSystems } from './misplaced-systems.js';
import { CLUSTER_HELP_TEXT, parseClusterArgs } from './parse-cluster-args.js';

export interface ClusterIo {
  out(line: string): void;
  err(line: string): void;
  /** Resolves when the command should stop (SIGINT, SIGTERM, SIGHUP). */
  readonly stopped: Promise<string>;
  /** Resolves at a second such signal: quit at once. */
  readonly again?: Promise<string>;
  /** How to start one `omni-mock` worker (its options are appended). */
  readonly workerCommand: { command: string; args: readonly string[] };
  /** The environment HAProxy is looked for in (its PATH); without it, only the usual directories are. */
  readonly env?: { readonly PATH?: string | undefined };
}

/** Runs the command; resolves with its exit status. */
export async function runClusterCommand(argv: readonly string[], io: ClusterIo): Promise<number> {
  const parsed = parseClusterArgs(argv);
  if (!parsed.ok) {
    io.err(`omni-mock cluster: ${parsed.error}\nRun omni-mock cluster --help for the options.`);
    return 2;
  }
  const options = parsed.options;
  if (options.help) {
    io.out(CLUSTER_HELP_TEXT);
    return 0;
  }
  const stop = new AbortController();
  const quit = new AbortController();
  let signal = 'SIGTERM';
  let quitSignal = 'SIGTERM';
  void io.stopped.then((name) => {
    signal = name;
    stop.abort();
  });
  void io.again?.then((name) => {
    quitSignal = name;
    io.err(`omni-mock cluster: ${name} again: quitting at once; every answer a worker gave is already in its database`);
    quit.abort();
  });
  const quitStatus = () => signalExitCode(quitSignal === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  try {
    cluster = await startCluster({
      ...options,
      path: io.env?.PATH,
      workerCommand: io.workerCommand,
      say: io.out,
      stopWhen: stop.signal,
      quitWhen: quit.signal,
    });
  } catch (error) {
    if (quit.signal.aborted) return quitStatus();
    if (error instanceof ClusterStopped) {
      io.out(`omni-mock cluster: ${signal} while starting: stopped every process`);
      return 0;
    }
    if (!(error instanceof ClusterStartError)) throw error;
    io.err(`omni-mock cluster: ${error.message}`);
    return 1;
  }
  const workers = cluster.workers.length;
  io.out(
    [
      `omni-mock cluster: listening on ${cluster.url} (HAProxy pid ${cluster.haproxyPid}) -> ${workers} worker${workers === 1 ? '' : 's'}`,
      ...cluster.workers.map((w) => `  worker-${w.index}: http://127.0.0.1:${w.port}  ${w.db}`),
      `  HAProxy configuration: ${cluster.configPath}`,
      '  every request goes to the worker of its system key; create systems with their key (body system_key)',
    ].join('\n'),
  );
  // Systems a change of --workers left where their key no longer goes: said once, unless a stop comes first.
  const misplaced = misplacedSystems({
    workers: cluster.workers,
    dir: dirname(cluster.configPath),
    shownDir: options.dir,
    adminKey: options.adminKey,
  });
  const said = misplaced.then((lines) => {
    for (const line of lines) io.err(line);
  });
  await Promise.race([said, io.stopped]);
  const end = await Promise.race([
    io.stopped.then(() => ({ stop: true as const })),
    cluster.failed.then((reason) => ({ reason })),
  ]);
  if ('reason' in end) {
    io.err(`omni-mock cluster: ${end.reason}`);
    return 1;
  }
  io.out(`omni-mock cluster: ${signal}: stopping HAProxy, then every worker (again to quit at once)`);
  await cluster.stop();
  if (quit.signal.aborted) return quitStatus();
  io.out('omni-mock cluster: stopped');
  return 0;
}
