/**
 * Polls a URL until it answers 200, for a server a child process is starting.
 *
 * @module
 */

import { tail } from './child-processes.mjs';

/**
 * Resolves to the 200 response of `url` once the server answers it, polling every `everyMs`.
 * Rejects when `child` exits first (with its output) or after `timeoutMs`.
 */
export async function waitForAnswer(url, { child, timeoutMs = 30_000, everyMs = 20 } = {}) {
  const deadline = performance.now() + timeoutMs;
  let last = 'no answer';
  while (performance.now() < deadline) {
    if (child?.hasExited()) {
      throw new Error(`the server exited before ${url} answered:\n${tail(child.output())}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return response;
      last = `status ${response.status}`;
      await response.body?.cancel();
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s (last: ${last})`);
}
