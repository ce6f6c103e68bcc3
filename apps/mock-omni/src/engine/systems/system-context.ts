import type { Variation } from '@omnikit/contracts/variants';
import type { VirtualClock } from '../clock.js';
import type { SystemRecord } from '../ports.js';
import type { Rng } from '../rng.js';

/** One loaded system: its stored record, its live virtual clock and its seeded randomness. */
export interface SystemContext {
  readonly systemId: number;
  readonly systemKey: string;
  record: SystemRecord;
  readonly clock: VirtualClock;
  /** The system's root stream; fork it per purpose (`rng.fork('faults')`). */
  rng: Rng;
  /** The plausible Omni this system plays where the wiki is silent (`--vary`, the control API). */
  variation: Variation;
  /**
   * The stored variation text when this build cannot read it (a newer OmniKit's axis or value, a hand edit), and why:
   * the system plays the mock's variation meanwhile, and the text stays stored until one is set.
   */
  ignoredVary?: { readonly vary: string; readonly problem: string } | undefined;
}
