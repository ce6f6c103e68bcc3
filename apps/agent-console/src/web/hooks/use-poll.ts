import { useEffect, useRef } from 'react';

/**
 * Calls `task` at once and then every `intervalMs` while `enabled`, never two at a time (a slow
 * answer delays the next poll instead of piling requests up). `task` may change between renders.
 */
export function usePoll(task: (signal: AbortSignal) => Promise<void>, intervalMs: number, enabled: boolean): void {
  const latest = useRef(task);
  latest.current = task;
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        await latest.current(controller.signal);
      } catch {
        // The task reports its own errors; polling goes on.
      }
      if (!controller.signal.aborted) timer = setTimeout(tick, intervalMs);
    };
    void tick();
    return () => {
      controller.abort();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [intervalMs, enabled]);
}
