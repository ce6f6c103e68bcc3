import { formatDateTime, type ShotgunResultPayload, type ShotgunView } from '@omnikit/contracts';
import type { CallRecord } from '../calls/call-record.js';
import type { ShotgunRace } from './shotgun-race.js';

/**
 * The race as the API shows it (B.6): `GET …/shotgun/{shotgun_id}` live, leg by leg, and the one
 * `shotgun_result` notification. Once won, the winner is an agent call that goes on outside the race;
 * pass its current record as `winnerNow` so the view shows its live `call_state` (answered, on hold,
 * ended…).
 */
export function shotgunView(race: ShotgunRace, winnerNow?: CallRecord): ShotgunView {
  return {
    shotgun_id: race.shotgunId,
    state: race.state,
    winner_call_id: race.winnerCallId,
    legs: legsOf(race, winnerNow),
  };
}

export function buildShotgunResultPayload(race: ShotgunRace, at: number): ShotgunResultPayload {
  return {
    shotgun_id: race.shotgunId,
    user_id: race.userId,
    state: race.state,
    winner_call_id: race.winnerCallId,
    legs: legsOf(race),
    timestamp: formatDateTime(at),
  };
}

function legsOf(race: ShotgunRace, winnerNow?: CallRecord): ShotgunView['legs'] {
  return race.legs.map((leg) => {
    const record = winnerNow && winnerNow.callId === leg.callId ? winnerNow : leg.record;
    return {
      call_id: leg.callId,
      phone_number: leg.phoneNumber,
      call_state: record.machine.call,
      outcome: leg.outcome,
      sip_code: record.sipCode,
    };
  });
}
