/**
 * The Omni routes of agents and calls: campaign login, logout and state (B.4), Click-2-Dial and call
 * control (B.5), recordings. Each runs in the route's one transaction: the state change, its notifications (outbox
 * rows) and its timers land together or not at all.
 *
 * @module
 */

import type { LoginBody } from '@omnikit/contracts';
import { recordingWav } from '../engine/calls/recording-wav.js';
import type { SystemContext } from '../engine/systems/system-context.js';
import type { MockServices } from '../mock-services.js';
import { ok } from './ok.js';
import type { OmniHandlers } from './omni-handlers.js';
import { RawBinary } from './raw-binary.js';

/**
 * Campaign login (B.4). A virtual phone answers its bridge call at once, so the login commits in
 * the route's transaction. A SIP phone must answer a real INVITE first: the handler checks (no
 * writes), reserves the agent against a second login, awaits the phone on the wall clock OUTSIDE
 * any transaction, then commits the login in a transaction of its own; if the login can no longer
 * commit (the agent changed meanwhile), the answered leg is hung up.
 */
function campaignLogin(
  system: SystemContext,
  userId: number,
  body: LoginBody,
  services: MockServices,
): { success: boolean; detail: string } | Promise<{ success: boolean; detail: string }> {
  const kind = services.agents.checkLogin(system, userId, body);
  if (kind === 'virtual') return ok(services.agents.login(system, userId, body));
  const release = services.agents.reservePhoneLogin(system, userId);
  return services.phones.network.bridge(system.systemId, userId, body.extension).then(
    () => {
      try {
        return ok(services.transaction(() => services.agents.login(system, userId, body, { bridged: true })));
      } catch (error) {
        services.phones.network.hangup(system.systemId, userId);
        throw error;
      } finally {
        release();
      }
    },
    (error: unknown) => {
      release();
      throw error;
    },
  );
}

export const callHandlers: OmniHandlers = {
  login: ({ system, params, body, services }) => campaignLogin(system, params.user_id, body, services),
  loginLegacy: ({ system, params, body, services }) => campaignLogin(system, params.user_id, body, services),
  logout: ({ system, params, services }) => ok(services.agents.logout(system, params.user_id)),
  setState: ({ system, params, body, services }) => ok(services.agents.setState(system, params.user_id, body)),

  makeCall: ({ system, params, body, services }) => services.calls.makeCall(system, params.user_id, body),
  getCall: ({ system, params, services }) => services.calls.view(system, params.user_id, params.call_id),
  holdCall: ({ system, params, services }) => {
    const call = services.calls.command(system, params.user_id, params.call_id, { type: 'hold' });
    // Inferred: in a conference only the customer is parked; the agent stays with the 3rd party (agent-phone-media.ts).
    const conference = call.machine.conference === 'joined' || call.machine.conference === 'dialling';
    const after = conference ? `: the agent stays on the line with the 3rd party (call ${call.linkedCallId})` : '';
    return ok(`call ${params.call_id} is on hold${after}`);
  },
  retrieveCall: ({ system, params, services }) => {
    services.calls.command(system, params.user_id, params.call_id, { type: 'retrieve' });
    return ok(`call ${params.call_id} is retrieved`);
  },
  hangupCall: ({ system, params, services }) => {
    const call = services.calls.command(system, params.user_id, params.call_id, { type: 'hangup' });
    // A leg with no agent that the agent could hang up belonged to its race still racing: the race is cancelled.
    const race = call.machine.role === 'system' && call.shotgunId !== 0;
    const after = race
      ? `: shotgun ${call.shotgunId} is cancelled (as by its cancel route)`
      : call.machine.role === 'agent' && call.machine.wrap === 'wrap_up'
        ? ': dispose it to end the wrap-up'
        : '';
    return ok(`call ${params.call_id} is hung up${after}`);
  },
  disposeCall: ({ system, params, body, services }) => {
    services.calls.dispose(system, params.user_id, params.call_id, body);
    return ok(`call ${params.call_id} is disposed ${body.disposition_code}`);
  },
  recordCall: ({ system, params, body, services }) => {
    const call = services.calls.recording(system, params.user_id, params.call_id, body.action);
    return {
      ...ok(`the recording of call ${params.call_id} is ${call.machine.recording}`),
      recording_state: call.machine.recording,
      recording_url: call.recordingFile,
    };
  },
  conferenceCall: ({ system, params, body, services }) => {
    const legId = services.calls.conference(system, params.user_id, params.call_id, body);
    return { ...ok(`calling ${body.phone_number} into call ${params.call_id} as call ${legId}`), call_id: legId };
  },
  connectCall: ({ system, params, services }) => {
    services.calls.command(system, params.user_id, params.call_id, { type: 'connect' });
    return ok(`call ${params.call_id}: the customer and the 3rd party are connected; the agent has left`);
  },

  getRecording: ({ system, params, services }) => {
    const { callId, durationMs } = services.calls.recordingOf(system, params.file);
    const wav = recordingWav(callId, durationMs);
    const chunks = wav.chunks();
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
    });
    return new RawBinary('audio/wav', wav.size, stream);
  },
};
