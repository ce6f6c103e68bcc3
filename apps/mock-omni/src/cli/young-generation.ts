/**
 * The CLI's young generation held at a middle size. By default V8 doubles the semi-spaces whenever objects survive a
 * scavenge, up to 16 MB each, and a request load keeps them there: memory the process holds for garbage. Held at V8's
 * smallest size instead, the objects of the requests in flight (50 connections' worth) are still alive at the next
 * scavenge, survive two and are promoted, so the old generation fills with garbage that only a mark-compact frees:
 * per request, the mock spent 20–50% more CPU time on the four routes of bench:http. So the served mock lets the young
 * generation grow as V8 would, to `SEMI_SPACE_MB` per semi-space, and stops it there (docs/performance.md has the
 * figures). Only the served mock does this (not the library, nor `simulate`).
 *
 * V8 reads its semi-space size limits once, when the heap is set up, so a running process cannot set them; the growth
 * factor it reads at each growth. So after each scavenge the young generation's size is read: below the cap it may
 * grow (V8's factor, 2), at the cap it may not (1). It is read every time, not until the cap is first reached: V8
 * shrinks an idle process's young generation, and the next load must be able to grow it again.
 *
 * @module
 */

import { constants, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** Each semi-space's size once grown: the young generation is two of them. */
export const SEMI_SPACE_MB = 4;

/** The young generation's current capacity (both semi-spaces), in bytes. */
export function youngGenerationBytes(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
}

/**
 * From now on the young generation grows to `semiSpaceMb` per semi-space at most (V8 grows it by doubling, so a
 * power of two is reached exactly); one already larger stays as it is. Returns a function that stops watching.
 */
export function capYoungGeneration(semiSpaceMb: number = SEMI_SPACE_MB): () => void {
  const limit = 2 * semiSpaceMb * 1024 * 1024;
  let growing: boolean | undefined;
  const decide = () => {
    const grow = youngGenerationBytes() < limit;
    if (grow !== growing) setFlagsFromString(`--semi-space-growth-factor=${grow ? 2 : 1}`);
    growing = grow;
  };
  decide();
  const observer = new PerformanceObserver((list) => {
    if (list.getEntries().some((e) => gcKind(e) === constants.NODE_PERFORMANCE_GC_MINOR)) decide();
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => observer.disconnect();
}

/** The kind of collection a `gc` performance entry reports (`NODE_PERFORMANCE_GC_MINOR`: a scavenge). */
function gcKind(entry: PerformanceEntry): number | undefined {
  return (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
}
