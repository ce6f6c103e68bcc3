import type { AgentState } from '@omnikit/contracts';
import { type SupervisorView, supervisorInboundBody } from '../../shared/console-schemas.js';
import type { ConsoleDeps } from '../console-deps.js';
import { ConsoleHttpError } from '../console-http-error.js';
import type { MockControl } from '../mock-control.js';
import type { ConsoleHandlers } from '../mount-console-routes.js';
import { pathId, readBody } from '../read-input.js';

/**
 * `supervisor` (mock only): each campaign's live statistics and each agent's state. The
 * statistics and the users come from the mock's control API (Omni has no such route); an agent's
 * state is read live for agents signed in to this console, else the last `agent_state`
 * notification the backend received, else null (not seen since the console started).
 * `supervisorInbound` (mock only) rings an inbound call on a campaign's DID, so a person
 * trying the console can take one by clicking.
 */
export function supervisorRoutes(deps: ConsoleDeps) {
  const mockOnly = (): MockControl => {
    if (deps.control) return deps.control;
    throw new ConsoleHttpError(
      'MOCK_ONLY',
      'The supervisor view works only against the mock: it reads the mock’s control API, which a real Omni does not have.',
    );
  };

  return {
    supervisorInbound: async (c) => {
      const control = mockOnly();
      const body = await readBody(c, supervisorInboundBody);
      return c.json(await control.placeInbound(body));
    },

    supervisorSeries: async (c) => {
      const control = mockOnly();
      return c.json(await control.campaignSeries(pathId(c, 'campaign_id')));
    },

    supervisor: async (c) => {
      const control = mockOnly();
      const session = c.get('session');
      const [{ campaigns }, { users }, { phones }, clock] = await Promise.all([
        session.agent.campaigns.list(),
        control.users(),
        control.phones(),
        control.clock(),
      ]);
      const withStats = await Promise.all(
        campaigns.map(async (campaign) => ({
          campaign_id: campaign.campaign_id,
          campaign_name: campaign.campaign_name,
          campaign_type: campaign.campaign_type,
          stats: await control.campaignStats(campaign.campaign_id),
        })),
      );
      const live = new Map<number, { agent_state: AgentState; campaign_id: number }>();
      await Promise.all(
        users.map(async (user) => {
          const signedIn = deps.sessions.forUser(user.user_id)[0];
          if (!signedIn) return;
          try {
            const me = await signedIn.agent.get();
            live.set(user.user_id, { agent_state: me.agent_state, campaign_id: me.campaign_id });
          } catch {
            // That agent's token may be gone; fall back to what the notifications said.
          }
        }),
      );
      const view: SupervisorView = {
        at: clock.now,
        campaigns: withStats,
        agents: users.map((user) => {
          const phone = phones.find((p) => p.extension === user.extension);
          const known = deps.hub.agentState(user.user_id);
          const now = live.get(user.user_id);
          return {
            user_id: user.user_id,
            user_name: user.user_name,
            extension: user.extension,
            phone: phone ? phone.kind : 'none',
            agent_state: now?.agent_state ?? known?.agent_state ?? null,
            campaign_id: now?.campaign_id ?? known?.campaign_id ?? 0,
            since: known && (!now || now.agent_state === known.agent_state) ? known.since : null,
          };
        }),
        simulation_report: deps.simulationReport !== undefined,
      };
      return c.json(view);
    },
  } satisfies Partial<ConsoleHandlers>;
}
