/**
 * Steps of an agent's session and phone: authorize, register or drop the phone, log in and out,
 * ready, pause, read the agent.
 *
 * @module
 */

import { createFakeMediaHandlerFactory, OmniPhone } from '@omnikit/sdk';
import WebSocket from 'ws';
import { agentOf, apiOf, ref } from '../run-context.js';
import type { StepHandlers } from './step-handler.js';

export const agentSteps = {
  async authorize(ctx, st) {
    const a = agentOf(ctx, st.agent);
    const { userName, password } = a.credentials;
    const session = await a.client.authorize(userName, password, { credentials: () => ({ password }) });
    a.userId = session.userId;
    a.api = a.client.agent(session);
    ctx.refs.set(st.agent, session.userId);
    return undefined;
  },
  async registerPhone(ctx, st) {
    const { system } = ctx;
    const a = agentOf(ctx, st.agent);
    const server = a.phoneKind === 'sip' || !system.control ? await system.sipServer() : undefined;
    if (server === undefined) {
      if (a.phoneKind === 'sip')
        ctx.notes.push(`agent ${a.alias}: no SIP edge on this target, a virtual phone stood in`);
      await system.control?.call('registerPhone', { params: { extension: a.extension } });
      a.virtualRegistered = true;
      return undefined;
    }
    a.phone = new OmniPhone({
      server,
      extension: a.extension,
      password: a.credentials.webrtcPassword,
      WebSocket: WebSocket as never,
      mediaHandlerFactory: createFakeMediaHandlerFactory(),
      iceServers: [],
      reconnect: false,
    });
    await a.phone.start();
    return undefined;
  },
  async dropPhone(ctx, st) {
    const { system } = ctx;
    const a = agentOf(ctx, st.agent);
    if (a.phone) {
      await a.phone.stop();
      a.phone = undefined;
    } else if (a.virtualRegistered && system.control) {
      await system.control.call('unregisterPhone', { params: { extension: a.extension } });
      a.virtualRegistered = false;
    } else throw new Error(`agent "${st.agent}" has no phone registered`);
    return undefined;
  },
  async login(ctx, st) {
    await apiOf(ctx, st.agent).login({
      campaign_id: ref(ctx, st.campaign),
      extension: agentOf(ctx, st.agent).extension,
    });
    return undefined;
  },
  async ready(ctx, st) {
    await apiOf(ctx, st.agent).state({ state: 'ready' });
    return undefined;
  },
  async pause(ctx, st) {
    await apiOf(ctx, st.agent).state({ state: 'paused', ...(st.pause_code ? { pause_code: st.pause_code } : {}) });
    return undefined;
  },
  async logout(ctx, st) {
    await apiOf(ctx, st.agent).logout();
    return undefined;
  },
  async getAgent(ctx, st) {
    await apiOf(ctx, st.agent).get();
    return undefined;
  },
} satisfies Partial<StepHandlers>;
