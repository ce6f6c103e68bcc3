/**
 * Steps that let time pass: `advance` (the mock's manual clock, a bounded wall-clock wait
 * elsewhere) and `waitFor` (until a matching notification arrives).
 *
 * @module
 */

import type { Notification } from '@omnikit/sdk';
import { matches } from '../match-fields.js';
import { formatMs, MAX_WALL_ADVANCE_MS } from '../requirements.js';
import { sleep } from '../sleep.js';
import type { StepHandlers } from './step-handler.js';

export const timeSteps = {
  async advance(ctx, st) {
    const { system } = ctx;
    if (system.control && ctx.scenario.clock === 'manual') {
      // Long advances go an hour at a time so deliveries and progress keep up.
      let left = st.ms;
      let now = 0;
      while (left > 0) {
        const ms = Math.min(left, 3_600_000);
        now = (await system.control.call('advanceClock', { body: { ms } })).clock.now_ms;
        left -= ms;
      }
      return now;
    }
    if (st.ms > MAX_WALL_ADVANCE_MS) throw new Error(`cannot wait ${formatMs(st.ms)} of wall-clock time`);
    await sleep(st.ms);
    return undefined;
  },
  async waitFor(ctx, st) {
    const refs = (name: string) => ctx.refs.get(name);
    // The mock delivers within milliseconds: waiting longer there only slows a failing run.
    const timeout = ctx.system.control ? Math.min(st.timeout_ms, ctx.settleMs) : st.timeout_ms;
    await ctx.inbox
      .waitFor((n: Notification) => n.type === st.type && matches(n.payload, st.fields, refs), timeout)
      .catch(() => {
        throw new Error(`no ${st.type} notification ${JSON.stringify(st.fields)} arrived within ${timeout} ms`);
      });
    return undefined;
  },
} satisfies Partial<StepHandlers>;
