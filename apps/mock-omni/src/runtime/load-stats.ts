/**
 * What a mock under load measures about itself, one line per interval, for `omni-mock --stats <s>` and the soak bench
 * (bench/soak.bench.ts). Event-loop delay is only visible from inside the process: an answer stalled by a blocked loop
 * looks, from outside, like a slow network.
 *
 * Each line: `omni-mock stats ` and one JSON object of the interval just ended — the longest and 99th-percentile
 * event-loop delay, garbage-collection pauses (count, total, longest), the process's memory by part (RSS, V8 heap,
 * external, array buffers) and whatever `extra` adds (the WAL checkpoints). Times in ms, sizes in MiB.
 *
 * @module
 */

import { type IntervalHistogram, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

export interface LoadStatsLine {
  interval_ms: number;
  loop_delay_max_ms: number;
  loop_delay_p99_ms: number;
  gc_count: number;
  gc_total_ms: number;
  gc_max_ms: number;
  rss_mib: number;
  heap_used_mib: number;
  heap_total_mib: number;
  external_mib: number;
  array_buffers_mib: number;
  [extra: string]: number;
}

export const LOAD_STATS_PREFIX = 'omni-mock stats ';

export interface LoadStatsOptions {
  intervalMs: number;
  write: (line: string) => void;
  /** More figures of the interval (each read once per line, then reset by its owner). */
  extra?: () => Record<string, number>;
}

export interface LoadStats {
  stop(): void;
}

const MIB = 1024 * 1024;
const TICK_MS = 10;
const round = (n: number) => Math.round(n * 10) / 10;

export function startLoadStats(options: LoadStatsOptions): LoadStats {
  // 10 ms resolution: the sampling timer itself costs nothing measurable at that rate.
  const delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  // The longest delay is measured by a timer of our own: node's histogram drops the first delay
  // after each reset (it only starts its clock then), so a block that ends just after a report
  // (when the report's timer ran first) would go unseen.
  let longest = 0;
  let tickAt = performance.now();
  const tick = setInterval(() => {
    const now = performance.now();
    const late = now - tickAt - TICK_MS;
    tickAt = now;
    if (late > longest) longest = late;
  }, TICK_MS);
  tick.unref();
  let gcCount = 0;
  let gcTotal = 0;
  let gcMax = 0;
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcCount++;
      gcTotal += entry.duration;
      if (entry.duration > gcMax) gcMax = entry.duration;
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  let last = performance.now();
  const report = (): void => {
    const now = performance.now();
    const mem = process.memoryUsage();
    const line: LoadStatsLine = {
      interval_ms: Math.round(now - last),
      loop_delay_max_ms: round(Math.max(longest, delay.max / 1e6)),
      loop_delay_p99_ms: round(delay.percentile(99) / 1e6),
      gc_count: gcCount,
      gc_total_ms: round(gcTotal),
      gc_max_ms: round(gcMax),
      rss_mib: round(mem.rss / MIB),
      heap_used_mib: round(mem.heapUsed / MIB),
      heap_total_mib: round(mem.heapTotal / MIB),
      external_mib: round(mem.external / MIB),
      array_buffers_mib: round(mem.arrayBuffers / MIB),
      ...options.extra?.(),
    };
    last = now;
    delay.reset();
    longest = 0;
    gcCount = 0;
    gcTotal = 0;
    gcMax = 0;
    options.write(`${LOAD_STATS_PREFIX}${JSON.stringify(line)}`);
  };
  const timer = setInterval(report, options.intervalMs);
  // Statistics never keep a stopping mock alive.
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      clearInterval(tick);
      gc.disconnect();
      delay.disable();
    },
  };
}
