import type { Hono } from 'hono';
import {
  agentStateBody,
  campaignLoginBody,
  dialBody,
  previewSkipBody,
  shotgunBody,
} from '../../shared/console-schemas.js';
import type { ConsoleDeps } from '../console-deps.js';
import type { ConsoleEnv } from '../console-env.js';
import { pathId, readBody } from '../read-input.js';

/** Drops keys whose value is undefined, so the sdk sends only what the agent gave. */
function defined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The agent's own routes: who they are, the phone's settings, campaigns, log in and out, ready and
 * pause, Click-2-Dial, preview and shotgun. Each is one sdk call with the session's token; Omni's
 * refusals become the console's error body in `onError`.
 */
export function mountAgentRoutes(app: Hono<ConsoleEnv>, deps: ConsoleDeps): void {
  app.get('/api/agent', async (c) => c.json(await c.get('session').agent.get()));

  app.get('/api/phone', async (c) => c.json(await deps.phone.forSession(c.get('session'))));

  app.get('/api/campaigns', async (c) => c.json(await c.get('session').agent.campaigns.list()));

  app.post('/api/login', async (c) => {
    const { campaign_id } = await readBody(c, campaignLoginBody);
    const session = c.get('session');
    return c.json(await session.agent.login({ campaign_id, extension: session.extension }));
  });

  app.post('/api/logout', async (c) => c.json(await c.get('session').agent.logout()));

  app.post('/api/state', async (c) => {
    const body = await readBody(c, agentStateBody);
    return c.json(await c.get('session').agent.state(defined(body)));
  });

  app.post('/api/calls', async (c) => {
    const body = await readBody(c, dialBody);
    return c.json(await c.get('session').agent.calls.make(defined(body)));
  });

  app.get('/api/leads/:lead_id', async (c) => {
    const leadId = pathId(c, 'lead_id');
    return c.json(await c.get('session').agent.leads.get(leadId));
  });

  app.post('/api/preview/next', async (c) => c.json(await c.get('session').agent.preview.next()));

  app.post('/api/preview/skip', async (c) => {
    const body = await readBody(c, previewSkipBody);
    return c.json(await c.get('session').agent.preview.skip(body));
  });

  app.post('/api/shotgun', async (c) => {
    const body = await readBody(c, shotgunBody);
    return c.json(await c.get('session').agent.shotgun.start(defined(body)));
  });

  app.get('/api/shotgun/:shotgun_id', async (c) => {
    const shotgunId = pathId(c, 'shotgun_id');
    return c.json(await c.get('session').agent.shotgun.get(shotgunId));
  });

  app.post('/api/shotgun/:shotgun_id/cancel', async (c) => {
    const shotgunId = pathId(c, 'shotgun_id');
    return c.json(await c.get('session').agent.shotgun.cancel(shotgunId));
  });
}
