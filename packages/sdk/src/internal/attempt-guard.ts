import type { DeadlineTimer } from './deadline-timer.js';

/**
 * One attempt's deadline and cancellation. It rejects whatever the attempt is waiting for (the
 * answer, then its body) when the timeout elapses or the caller's signal fires, and says which.
 *
 * It makes an AbortController only when something must receive a signal: the caller gave one
 * (then fetch is aborted for real) or the fetch is injected (it gets a Request). Otherwise it is
 * a deadline and a promise: creating an AbortSignal and listening on it costs Node several
 * microseconds per request, a fifth of the sdk's budget on a loopback call.
 */
export class AttemptGuard {
  /** For fetch: present only when made with `withSignal`. */
  readonly signal: AbortSignal | undefined;
  #timedOut = false;
  #reason: unknown;
  #settled = false;
  #reject: ((reason: unknown) => void) | undefined;
  readonly #controller: AbortController | undefined;
  readonly #cancelDeadline: (() => void) | undefined;
  readonly #callerSignal: AbortSignal | undefined;
  readonly #onCallerAbort: (() => void) | undefined;

  constructor(callerSignal: AbortSignal | undefined, timeoutMs: number, timer: DeadlineTimer, withSignal: boolean) {
    this.#callerSignal = callerSignal;
    if (withSignal || callerSignal) {
      this.#controller = new AbortController();
      this.signal = this.#controller.signal;
    }
    if (callerSignal) {
      if (callerSignal.aborted) this.#abort(callerSignal.reason);
      else {
        this.#onCallerAbort = () => this.#abort(callerSignal.reason);
        callerSignal.addEventListener('abort', this.#onCallerAbort, { once: true });
      }
    }
    if (Number.isFinite(timeoutMs) && timeoutMs > 0 && !this.#settled) {
      this.#cancelDeadline = timer.add(timeoutMs, () => {
        this.#timedOut = true;
        this.#abort(new Error(`timed out after ${timeoutMs} ms`));
      });
    }
  }

  timedOut(): boolean {
    return this.#timedOut;
  }

  /** Settles with `promise`, or rejects as soon as the deadline passes or the caller aborts. */
  race<T>(promise: Promise<T>): Promise<T> {
    if (this.#settled) return Promise.reject(this.#reason);
    return new Promise<T>((resolve, reject) => {
      this.#reject = reject;
      promise.then(
        (value) => {
          this.#reject = undefined;
          resolve(value);
        },
        (error: unknown) => {
          this.#reject = undefined;
          reject(error);
        },
      );
    });
  }

  dispose(): void {
    this.#cancelDeadline?.();
    if (this.#onCallerAbort) this.#callerSignal?.removeEventListener('abort', this.#onCallerAbort);
  }

  #abort(reason: unknown): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
    this.#reject?.(reason);
  }
}

/** Waits `ms`, or rejects with the signal's reason as soon as it fires. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
