import { useCallback, useRef, useState } from 'react';
import { errorText } from '../api/console-api-error.js';

export interface AsyncAction {
  /** Runs `task`; a failure becomes `error` (words to show) and the promise resolves `undefined`. */
  run<T>(task: () => Promise<T>): Promise<T | undefined>;
  pending: boolean;
  error: string | null;
  clearError(): void;
}

/**
 * One button's (or form's) request: whether it is in flight and the last failure in words. The form's
 * own fields live in the component and are never reset here, so nothing the agent typed is lost.
 */
export function useAsyncAction(): AsyncAction {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(0);
  const run = useCallback(async <T>(task: () => Promise<T>): Promise<T | undefined> => {
    inFlight.current += 1;
    setPending(true);
    setError(null);
    try {
      return await task();
    } catch (failure) {
      // A request cancelled on purpose (a poll stopped, a panel closed) is not an error to show.
      if (!(failure instanceof Error && failure.name === 'AbortError')) setError(errorText(failure));
      return undefined;
    } finally {
      inFlight.current -= 1;
      if (inFlight.current === 0) setPending(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { run, pending, error, clearError };
}
