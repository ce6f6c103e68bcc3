import {
  agentStateBody,
  campaignLoginBody,
  dialBody,
  previewSkipBody,
  shotgunBody,
} from '../../shared/console-schemas.js';
import type { ConsoleDeps } from '../console-deps.js';
import type { ConsoleHandlers } from '../mount-console-routes.js';
import { pathId, readBody } from '../read-input.js';

/** Drops keys whose value is undefined, so the sdk sends only what the agent gave. */
function defined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The handlers of the agent's own routes, by route id: who they are, the phone's settings, campaigns, log in and out, ready and
 * pause, Click-2-Dial, preview and shotgun. Each is one sdk call with the session's token; Omni's
 * refusals become the console's error body in `onError`.
 */
export function agentRoutes(deps: ConsoleDeps) {
  return {
    getAgent: async (c) => c.json(await c.get('session').agent.get()),

    getPhone: async (c) => c.json(await deps.phone.forSession(c.get('session'))),

    listCampaigns: async (c) => c.json(await c.get('session').agent.campaigns.list()),

    campaignLogin: async (c) => {
      const { campaign_id } = await readBody(c, campaignLoginBody);
      const session = c.get('session');
      return c.json(await session.agent.login({ campaign_id, extension: session.extension }));
    },

    campaignLogout: async (c) => c.json(await c.get('session').agent.logout()),

    setState: async (c) => {
      const body = await readBody(c, agentStateBody);
      return c.json(await c.get('session').agent.state(defined(body)));
    },

    dial: async (c) => {
      const body = await readBody(c, dialBody);
      return c.json(await c.get('session').agent.calls.make(defined(body)));
    },

    getLead: async (c) => {
      const leadId = pathId(c, 'lead_id');
      return c.json(await c.get('session').agent.leads.get(leadId));
    },

    previewNext: async (c) => c.json(await c.get('session').agent.preview.next()),

    previewSkip: async (c) => {
      const body = await readBody(c, previewSkipBody);
      return c.json(await c.get('session').agent.preview.skip(body));
    },

    startShotgun: async (c) => {
      const body = await readBody(c, shotgunBody);
      return c.json(await c.get('session').agent.shotgun.start(defined(body)));
    },

    getShotgun: async (c) => {
      const shotgunId = pathId(c, 'shotgun_id');
      return c.json(await c.get('session').agent.shotgun.get(shotgunId));
    },

    cancelShotgun: async (c) => {
      const shotgunId = pathId(c, 'shotgun_id');
      return c.json(await c.get('session').agent.shotgun.cancel(shotgunId));
    },
  } satisfies Partial<ConsoleHandlers>;
}
