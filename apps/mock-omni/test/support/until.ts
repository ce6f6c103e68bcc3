/**
 * Waiting in a test for something a server does on its own time (a SIP exchange, a webhook delivery): polls every 5
 * ms, fails with what it was waiting for.
 *
 * @module
 */

/** Resolves once `check` holds; throws `timed out waiting for <what>` after `ms`. */
export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 3_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
