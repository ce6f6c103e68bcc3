import type { CdrPayload, Notification } from '@omnikit/contracts';
import { callView } from '../engine/calls/call-view.js';
import { DomainError } from '../engine/domain-error.js';
import type { ControlHandlers } from './control-handlers.js';
import { ok } from './ok.js';

type DiallerControlIds =
  | 'placeInboundCall'
  | 'setArrivalProcess'
  | 'getArrivalProcess'
  | 'stopArrivalProcess'
  | 'getCampaignStats'
  | 'getCampaignSeries'
  | 'getMockCall';

/**
 * The dialler's control routes: one inbound call now, the seeded arrival process of a
 * campaign, its statistics, and any call by id with its CDR (the calls no agent took have no other
 * reader). Each runs in the route's one transaction.
 */
export const diallerControlHandlers: Pick<ControlHandlers, DiallerControlIds> = {
  placeInboundCall: ({ system, body, services }) => {
    const callId = services.dialler.inbound(system, body.did, body.phone_number);
    return { ...ok(`${body.phone_number} is calling ${body.did} as call ${callId}`), call_id: callId };
  },
  setArrivalProcess: ({ system, body, services }) => {
    const at = system.clock.now();
    const dialler = services.dialler.of(system);
    services.dialler.apply(system, dialler.setArrivalProcess(body, at), at);
    const view = services.dialler.of(system).arrivalView(body.campaign_id);
    if (!view) throw new Error(`campaign ${body.campaign_id}: the arrival process was set but cannot be read back`);
    return view;
  },
  getArrivalProcess: ({ system, params, services }) => {
    const view = services.dialler.of(system).arrivalView(params.campaign_id);
    if (!view) throw DomainError.notFound('campaign_id', 'arrival process of campaign', params.campaign_id);
    return view;
  },
  stopArrivalProcess: ({ system, params, services }) => {
    const dialler = services.dialler.of(system);
    if (!dialler.arrivalView(params.campaign_id))
      throw DomainError.notFound('campaign_id', 'arrival process of campaign', params.campaign_id);
    services.dialler.apply(system, dialler.stopArrivalProcess(params.campaign_id), system.clock.now());
    return ok(`campaign ${params.campaign_id}'s arrival process is stopped`);
  },
  getCampaignStats: ({ system, params, services }) =>
    services.dialler.of(system).stats(params.campaign_id, system.clock.now()),
  getCampaignSeries: ({ system, params, query, services }) => services.series.series(system, params.campaign_id, query),
  getMockCall: ({ system, params, services }) => {
    const call = services.calls.find(system, params.call_id);
    if (!call) throw DomainError.notFound('call_id', 'call', params.call_id);
    const sent = services.webhooks.outbox.list({
      systemId: system.systemId,
      callId: call.callId,
      type: 'cdr',
      limit: 1,
    });
    const row = sent.rows[0];
    const cdr = row ? ((JSON.parse(row.body) as Notification & { type: 'cdr' }).payload as CdrPayload) : null;
    return { call: callView(call), cdr };
  },
};
