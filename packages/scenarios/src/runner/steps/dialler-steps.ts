/**
 * Steps of the dialler's modes: a shotgun race and its cancel, a preview offer taken or skipped,
 * and a change to a campaign the scenario made.
 *
 * @module
 */

import { apiOf, numberOf, ref } from '../run-context.js';
import type { StepHandlers } from './step-handler.js';

export const diallerSteps = {
  async shotgun(ctx, st) {
    const r = await apiOf(ctx, st.agent).shotgun.start({
      phone_numbers: st.numbers.map((n) => numberOf(ctx, n)),
      ...(st.unique_id ? { unique_id: st.unique_id } : {}),
      ...(st.outbound_cli ? { outbound_cli: st.outbound_cli } : {}),
    });
    ctx.refs.set(st.as, r.shotgun_id);
    for (const [i, leg] of (st.legs ?? []).entries()) {
      const call = r.calls[i];
      if (call) {
        ctx.refs.set(leg, call.call_id);
        ctx.callNames.add(leg);
      }
    }
    return undefined;
  },
  async shotgunCancel(ctx, st) {
    await apiOf(ctx, st.agent).shotgun.cancel(ref(ctx, st.shotgun));
    return undefined;
  },
  async previewNext(ctx, st) {
    const r = await apiOf(ctx, st.agent).preview.next();
    if (!r.lead) throw new Error('the preview campaign offered no lead');
    ctx.refs.set(st.as, r.lead.lead_id);
    const phone = r.lead.phone_numbers[0]?.phone_number;
    if (phone) ctx.leadPhones.set(st.as, phone);
    return undefined;
  },
  async previewSkip(ctx, st) {
    await apiOf(ctx, st.agent).preview.skip({ lead_id: ref(ctx, st.lead) });
    return undefined;
  },
  async updateCampaign(ctx, st) {
    // Only campaigns this run made have names: a real system's own campaigns are never touched.
    await ctx.directory.campaigns.update(ref(ctx, st.campaign), st.fields);
    return undefined;
  },
} satisfies Partial<StepHandlers>;
