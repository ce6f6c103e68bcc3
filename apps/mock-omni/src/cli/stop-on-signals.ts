/**
 * Ctrl-C (SIGINT) and SIGTERM for a long-running command: the first starts its graceful stop (requests in flight
 * answered, files written and closed); a second while that runs quits at once, with the shell's code for the signal
 * (130 or 143), as a user pressing Ctrl-C again expects. What was committed or written so far is kept: the database's
 * WAL is durable, and the instance lock is released on exit.
 *
 * @module
 */

export interface StopOnSignalsOptions {
  /** The graceful stop; it ends the process itself. */
  graceful(signal: NodeJS.Signals): Promise<void>;
  /** A second signal came while stopping: say so (the process then exits at once). */
  quitting(signal: NodeJS.Signals): void;
  /** Injected by tests; default the process. */
  on?: (signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void) => void;
  /** Default `process.exit`; a command that must stop other processes first exits itself (a no-op here). */
  exit?: (code: number) => void;
  /** The signals listened for (default SIGINT and SIGTERM; the cluster adds SIGHUP, a closed terminal). */
  signals?: readonly NodeJS.Signals[];
}

/** The exit code a shell reports for a process ended by `signal` (128 + its number). */
export function signalExitCode(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? 130 : 143;
}

/**
 * Listens for SIGINT and SIGTERM (or `signals`); returns the stop, for a signal that came before the listeners (kept while starting).
 */
export function stopOnSignals(options: StopOnSignalsOptions): (signal: NodeJS.Signals) => void {
  const on = options.on ?? ((signal, listener) => process.on(signal, listener));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      options.quitting(signal);
      exit(signalExitCode(signal));
      return;
    }
    stopping = true;
    void options.graceful(signal);
  };
  for (const signal of options.signals ?? (['SIGTERM', 'SIGINT'] as const)) on(signal, stop);
  return stop;
}
