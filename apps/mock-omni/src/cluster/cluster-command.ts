/**
 * `omni-mock cluster` on injected I/O: parses the arguments, starts the cluster, prints its addresses and runs it
 * until told to stop. main.ts gives it the process (argv, output, signals, how to start a worker) and exits with the
 * status it returns: 0 after a clean stop or `--help`, 2 on bad usage, 1 when the cluster cannot start (HAProxy
 * missing, the port or the directory in use, a worker that does not come up) or gives up while running (a HAProxy that
 * keeps exiting as it starts): always one line, after every process it started has stopped.
 *
 * @module
 */

import { ClusterStartError, startCluster } from './cluster-supervisor.js';
import { CLUSTER_HELP_TEXT, parseClusterArgs } from './parse-cluster-args.js';

export interface ClusterIo {
  out(line: string): void;
  err(line: string): void;
  /** Resolves when the command should stop (SIGINT, SIGTERM). */
  readonly stopped: Promise<string>;
  /** How to start one `omni-mock` worker (its options are appended). */
  readonly workerCommand: { command: string; args: readonly string[] };
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
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  try {
    cluster = await startCluster({ ...options, workerCommand: io.workerCommand, say: io.out });
  } catch (error) {
    if (!(error instanceof ClusterStartError)) throw error;
    io.err(`omni-mock cluster: ${error.message}`);
    return 1;
  }
  io.out(
    [
      `omni-mock cluster: listening on ${cluster.url} (HAProxy pid ${cluster.haproxyPid}) -> ${cluster.workers.length} workers`,
      ...cluster.workers.map((w) => `  worker-${w.index}: http://127.0.0.1:${w.port}  ${w.db}`),
      `  HAProxy configuration: ${cluster.configPath}`,
      '  every request goes to the worker of its system key; create systems with their key (body system_key)',
    ].join('\n'),
  );
  const end = await Promise.race([
    io.stopped.then((signal) => ({ signal })),
    cluster.failed.then((reason) => ({ reason })),
  ]);
  if ('reason' in end) {
    io.err(`omni-mock cluster: ${end.reason}`);
    return 1;
  }
  const { signal } = end;
  io.out(`omni-mock cluster: ${signal}: stopping HAProxy, then every worker`);
  await cluster.stop();
  io.out('omni-mock cluster: stopped');
  return 0;
}
