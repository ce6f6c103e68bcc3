/**
 * Steps that play the world around the agents: callers (`inbound`, `arrivals`, through the mock's
 * control API), the runner's own webhook receiver going down and back, and a call's deliveries
 * replayed.
 *
 * @module
 */

import { ref } from '../run-context.js';
import { sleep } from '../sleep.js';
import type { StepHandlers } from './step-handler.js';

export const trafficSteps = {
  async inbound(ctx, st) {
    const { system } = ctx;
    const r = await (system.control as NonNullable<typeof system.control>).call('placeInboundCall', {
      body: { did: st.did, phone_number: st.from },
    });
    ctx.refs.set(st.as, r.call_id);
    return undefined;
  },
  async arrivals(ctx, st) {
    const { system } = ctx;
    await (system.control as NonNullable<typeof system.control>).call('setArrivalProcess', {
      body: {
        campaign_id: ref(ctx, st.campaign),
        calls_per_hour: Array.from({ length: 24 }, () => st.calls_per_hour),
        dids: st.dids,
        ...(st.patience_median_seconds !== undefined ? { patience_median_seconds: st.patience_median_seconds } : {}),
        ...(st.patience_sigma !== undefined ? { patience_sigma: st.patience_sigma } : {}),
      },
    });
    return undefined;
  },
  async receiverOutage(ctx, st) {
    ctx.inbox.outage(st.status);
    return undefined;
  },
  async receiverRecover(ctx) {
    // A receiver-outage fault means the receiver never comes back.
    if (!ctx.faults.some((f) => f.kind === 'receiver-outage')) ctx.inbox.recover();
    return undefined;
  },
  async replayCall(ctx, st) {
    // Replay what has settled: first let deliveries in flight finish (the receiver may have the
    // last one before the mock has recorded its answer).
    const control = ctx.system.control as NonNullable<typeof ctx.system.control>;
    const callId = String(ref(ctx, st.call));
    for (let waited = 0; waited < 5_000; waited += 50) {
      const pending = await control.call('listWebhookDeliveries', { query: { call_id: callId, state: 'pending' } });
      if (pending.total === 0) break;
      await sleep(50);
    }
    await control.call('replayCallDeliveries', { params: { call_id: callId } });
    return undefined;
  },
} satisfies Partial<StepHandlers>;
