/**
 * The CLI's old generation kept close to what is alive in it. After each full collection V8 lets the old generation
 * grow to a multiple of what survived before it collects again, and under a request load it picks a large one (up to
 * four): what the requests of the last seconds left there is dead, yet the mock's peak RSS carried it (old space at
 * 63 MB with 17 MB alive, after a `GET /omni/campaign/{id}` load). The served mock fixes that multiple at
 * `1 + OLD_GENERATION_GROWTH_PERCENT / 100`: more full collections, each of a small heap, for a peak RSS near the
 * baseline's (docs/performance.md has the figures). Only the served mock does this (not the library, nor `simulate`).
 *
 * @module
 */

import { setFlagsFromString } from 'node:v8';

/** How far past what survived the last full collection the old generation may grow before the next one. */
export const OLD_GENERATION_GROWTH_PERCENT = 25;

/** From now on each full collection lets the old generation grow by `percent` at most (V8 reads it every time). */
export function capOldGenerationGrowth(percent: number = OLD_GENERATION_GROWTH_PERCENT): void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
