/**
 * Ctrl-C inside a run: a step under way is raced against the run's signal, so it is abandoned at once and the
 * scenario or integration is reported `not run` (interrupted), never failed.
 *
 * @module
 */

/** What a step abandoned on Ctrl-C rejects with; the runners tell it from the step's own failures by its class. */
export class RunInterrupted extends Error {
  override name = 'RunInterrupted';
  constructor() {
    super('interrupted');
  }
}

/** The reason given for an entry stopped part-way: `during step 7 (waitFor)`, `before step 3 (hold …)`. */
export const interruptedReason = (where?: string): string =>
  where ? `the run was interrupted ${where}` : 'the run was interrupted';

/** A promise that rejects with `RunInterrupted` when `signal` aborts (never, without one), and how to stop listening. */
export function whenAborted(signal: AbortSignal | undefined): { aborted: Promise<never>; release(): void } {
  let stop = () => {};
  const aborted = new Promise<never>((_, reject) => {
    stop = () => reject(new RunInterrupted());
  });
  aborted.catch(() => {});
  if (signal?.aborted) stop();
  else signal?.addEventListener('abort', stop, { once: true });
  return { aborted, release: () => signal?.removeEventListener('abort', stop) };
}
