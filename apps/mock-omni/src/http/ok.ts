/**
 * The answer of a command that succeeded: the contracts' command result `{ success, detail }` (Omni's own routes),
 * with `success` the literal `true` the control API's answers require, so one helper serves both.
 *
 * @module
 */

import type { CommandResult } from '@omnikit/contracts';

/** A command result that says the command succeeded. */
export type Succeeded = CommandResult & { success: true };

/** `{ success: true, detail }`; a handler adds the route's own fields beside it. */
export function ok(detail: string): Succeeded {
  return { success: true, detail };
}
