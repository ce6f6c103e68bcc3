/**
 * The CLI's young generation kept at V8's initial size. By default V8 doubles the semi-spaces whenever objects survive
 * a scavenge, up to 16 MB each: the mock's start-up alone grows the young generation to 32 MB, and a request load
 * keeps it there — memory the process holds for garbage. A request's garbage dies young either way, so the mock keeps
 * V8's initial 1 MB semi-spaces: its peak RSS under load falls by a quarter or more (docs/performance.md) and its
 * requests per second do not drop. Only the served mock does this (not the library, nor `simulate`).
 *
 * @module
 */

import { setFlagsFromString } from 'node:v8';

/** From now on the young generation no longer grows (V8 reads this factor at each growth). */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}
