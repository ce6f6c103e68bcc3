/**
 * Which worker owns each of the ring's buckets, by rendezvous hashing: bucket b goes to the worker i with the highest
 * hash of (b, i). A system's key is hashed to a bucket by HAProxy (`xxh32` of the key, modulo the bucket count); this
 * table, written as HAProxy's map file, names the bucket's worker. Rendezvous makes the placement consistent: with one
 * worker more, only the buckets the new worker wins move (about 1/N of them), and no bucket moves between two old
 * workers — so growing a cluster moves the fewest systems' files.
 *
 * @module
 */

import { xxh32 } from './xxh32.js';

/** Buckets on the ring: enough that N ≤ 64 workers each get a fair share, few enough for a small map file. */
export const RING_BUCKETS = 1024;

/** The bucket of a system key, as HAProxy computes it (`xxh32,mod(1024)`, haproxy-config.ts). */
export function bucketOfKey(key: string): number {
  return xxh32(key) % RING_BUCKETS;
}

/** FNV-1a, 32 bits: a stable, well-spread hash of a short string (not a secret: placement only). */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // A final avalanche: FNV's low bits follow the last characters too closely for inputs this alike.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

/** The owning worker (1-based) of each bucket, index = bucket. */
export function bucketOwners(workers: number, buckets = RING_BUCKETS): number[] {
  if (!Number.isInteger(workers) || workers < 1)
    throw new RangeError(`workers must be a positive integer, not ${workers}`);
  const owners: number[] = [];
  for (let b = 0; b < buckets; b++) {
    let best = 1;
    let bestScore = -1;
    for (let w = 1; w <= workers; w++) {
      const score = fnv1a(`${b}/${w}`);
      if (score > bestScore) {
        best = w;
        bestScore = score;
      }
    }
    owners.push(best);
  }
  return owners;
}

/** The map file HAProxy reads (`map_int`): one `<bucket> worker-<i>` line per bucket. */
export function bucketMapText(workers: number, buckets = RING_BUCKETS): string {
  return `${bucketOwners(workers, buckets)
    .map((owner, bucket) => `${bucket} worker-${owner}`)
    .join('\n')}\n`;
}
