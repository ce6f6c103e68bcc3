import { ok } from './ok.js';
import type { OmniHandlers } from './omni-handlers.js';

/**
 * The shotgun routes (B.6): start a race, watch it leg by leg, cancel it. Each runs in the
 * route's one transaction: the legs, their timers, the agent's state and the notifications land
 * together or not at all.
 */
export const shotgunHandlers: OmniHandlers = {
  startShotgun: ({ system, params, body, services }) => services.shotgun.start(system, params.user_id, body),
  getShotgun: ({ system, params, services }) => services.shotgun.view(system, params.user_id, params.shotgun_id),
  cancelShotgun: ({ system, params, services }) => {
    const race = services.shotgun.cancel(system, params.user_id, params.shotgun_id);
    const live = race.legs.filter((l) => l.outcome === 'cancelled').length;
    return ok(`shotgun ${params.shotgun_id} is cancelled (${live} live legs ended with 487)`);
  },
};
