/**
 * Steps on one call: dial (a number or a lead), hold, retrieve, hang up, record, conference,
 * connect, dispose.
 *
 * @module
 */

import { toOmniDateTime } from '../../target/omni-time-zone.js';
import { apiOf, numberOf, ref } from '../run-context.js';
import type { StepHandlers } from './step-handler.js';

export const callSteps = {
  async dial(ctx, st) {
    const { system } = ctx;
    const phone = st.lead !== undefined ? ctx.leadPhones.get(st.lead) : numberOf(ctx, st.number as never);
    if (phone === undefined) throw new Error(`lead "${st.lead}" has no number`);
    // A lead's number comes from the target (a preview offer): on a real Omni it is dialled only
    // when it is one of OMNI_TEST_NUMBERS, whatever lead the system handed over.
    if (!system.capabilities.control && !system.testNumbers.includes(phone))
      throw new Error(`lead "${st.lead}" has the number ${phone}, which is not listed in OMNI_TEST_NUMBERS`);
    const call = await apiOf(ctx, st.agent).calls.make({
      phone_number: phone,
      ...(st.lead !== undefined ? { lead_id: ref(ctx, st.lead) } : {}),
      ...(st.unique_id ? { unique_id: st.unique_id } : {}),
      ...(st.outbound_cli ? { outbound_cli: st.outbound_cli } : {}),
    });
    ctx.refs.set(st.as, call.call_id);
    ctx.callNames.add(st.as);
    return undefined;
  },
  async hold(ctx, st) {
    await apiOf(ctx, st.agent).calls.hold(ref(ctx, st.call));
    return undefined;
  },
  async retrieve(ctx, st) {
    await apiOf(ctx, st.agent).calls.retrieve(ref(ctx, st.call));
    return undefined;
  },
  async hangup(ctx, st) {
    await apiOf(ctx, st.agent).calls.hangup(ref(ctx, st.call));
    return undefined;
  },
  async record(ctx, st) {
    await apiOf(ctx, st.agent).calls.record(ref(ctx, st.call), { action: st.action });
    return undefined;
  },
  async conference(ctx, st) {
    const r = await apiOf(ctx, st.agent).calls.conference(ref(ctx, st.call), {
      phone_number: numberOf(ctx, st.number),
      ...(st.outbound_cli ? { outbound_cli: st.outbound_cli } : {}),
    });
    ctx.refs.set(st.as, r.call_id);
    ctx.callNames.add(st.as);
    return undefined;
  },
  async connect(ctx, st) {
    await apiOf(ctx, st.agent).calls.connect(ref(ctx, st.call));
    return undefined;
  },
  async dispose(ctx, st) {
    await apiOf(ctx, st.agent).calls.dispose(ref(ctx, st.call), {
      disposition_code: st.code,
      // An instant goes as Omni's wall-clock time in its zone, when the zone is known (OMNI_TIME_ZONE).
      ...(st.callback_date_time ? { callback_date_time: toOmniDateTime(st.callback_date_time, ctx.timeZone) } : {}),
      ...(st.notes ? { notes: st.notes } : {}),
    });
    return undefined;
  },
} satisfies Partial<StepHandlers>;
