/**
 * The in-process mock target and a webhook receiver a test file's scenarios run against: both started before the
 * file's tests and stopped after them, so each file states only what it runs.
 *
 * @module
 */

import { afterAll, beforeAll } from 'vitest';
import { WebhookReceiver } from '../../src/runner/webhook-inbox.js';
import { createInprocTarget } from '../../src/target/mock-target.js';
import type { Target } from '../../src/target/target.js';

/** What `runScenario` needs to run against the in-process mock; spread it into the run's options. */
export interface InprocRun {
  readonly target: Target;
  readonly receiver: WebhookReceiver;
}

/** Starts the target and the receiver in `beforeAll` and stops them in `afterAll` of the calling file or block. */
export function useInprocTarget(): InprocRun {
  const receiver = new WebhookReceiver();
  let target: Target | undefined;
  beforeAll(async () => {
    target = await createInprocTarget();
    await receiver.start();
  });
  afterAll(async () => {
    await receiver.close();
    await target?.close();
  });
  return {
    receiver,
    get target(): Target {
      if (!target) throw new Error('the in-process target is started in beforeAll: use it inside a test');
      return target;
    },
  };
}
