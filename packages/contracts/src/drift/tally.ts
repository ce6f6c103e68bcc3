/**
 * One more occurrence in a list of counted entries (timeouts, target and tap failures): the entry
 * `same` finds counts one more and was last seen `at`; with none, a new entry (`make`) is added,
 * first and last seen `at`. Pure: a new list, the old one untouched.
 *
 * @module
 */

/** What every counted entry carries. */
export interface Tallied {
  readonly count: number;
  readonly first_at: string;
  readonly last_at: string;
}

/**
 * @example
 * timeouts = tally(report.timeouts, (t) => t.path === path, (first) => ({ ...first, path }), at);
 */
export function tally<T extends Tallied>(
  list: readonly T[],
  same: (entry: T) => boolean,
  make: (first: Tallied) => T,
  at: string,
): T[] {
  const next = [...list];
  const i = next.findIndex(same);
  const old = next[i];
  if (old) next[i] = { ...old, count: old.count + 1, last_at: at };
  else next.push(make({ count: 1, first_at: at, last_at: at }));
  return next;
}
