/**
 * Agents and systems for the tests of the telephony routes: an agent logged in with its token (`TestAgent`,
 * `agentOf`), a fresh system of its own, and the notifications it recorded, in short.
 *
 * @module
 */

import type { Notification } from '@omnikit/contracts';
import type { OmniTestClient } from './omni-client.js';

/** An agent of a test system with its token, ready to act through the Omni routes. */
export class TestAgent {
  constructor(
    readonly client: OmniTestClient,
    readonly userId: number,
    readonly token: string,
    readonly extension: string,
  ) {}

  // biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert each field.
  post(path: string, body?: unknown): Promise<{ status: number; body: any }> {
    return this.client.request('POST', path, { token: this.token, ...(body === undefined ? {} : { body }) });
  }

  // biome-ignore lint/suspicious/noExplicitAny: as above.
  get(path: string): Promise<{ status: number; body: any }> {
    return this.client.request('GET', path, { token: this.token });
  }

  login(campaignId = 1) {
    return this.post(`/omni/users/${this.userId}/login`, { campaign_id: campaignId, extension: this.extension });
  }

  state(state: 'ready' | 'paused', pauseCode?: string) {
    return this.post(`/omni/users/${this.userId}/state`, { state, ...(pauseCode ? { pause_code: pauseCode } : {}) });
  }

  async view() {
    return (await this.get(`/omni/users/${this.userId}`)).body;
  }

  dial(phoneNumber: string, extra: Record<string, unknown> = {}) {
    return this.post(`/omni/voice/${this.userId}/call`, { phone_number: phoneNumber, ...extra });
  }

  command(callId: number, command: string, body?: unknown) {
    return this.post(`/omni/voice/${this.userId}/call/${callId}/${command}`, body);
  }

  async call(callId: number) {
    return (await this.get(`/omni/voice/${this.userId}/call/${callId}`)).body;
  }
}

/** Registers agent N's virtual phone (extension 100N) and, unless told not to, logs it in. */
export async function agentOf(
  client: OmniTestClient,
  n = 1,
  options: { login?: boolean; campaignId?: number } = {},
): Promise<TestAgent> {
  const token = await client.login(`agent${n}`);
  const agent = new TestAgent(client, n, token, `100${n}`);
  const reg = await client.request('POST', `/__mock/phones/100${n}/register`);
  if (reg.status !== 200) throw new Error(`register 100${n}: ${reg.status} ${JSON.stringify(reg.body)}`);
  if (options.login !== false) {
    const res = await agent.login(options.campaignId ?? 1);
    if (res.status !== 200) throw new Error(`login agent${n}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return agent;
}

/** A fresh system with a manual clock (its own key), so tests never share state. */
export async function freshSystem(root: OmniTestClient, body: Record<string, unknown> = {}): Promise<OmniTestClient> {
  const res = await root.request('POST', '/__mock/systems', { body: { clock: 'manual', ...body } });
  if (res.status !== 200) throw new Error(`create system: ${res.status} ${JSON.stringify(res.body)}`);
  return root.withKey(res.body.system_key as string);
}

/** The notifications recorded for the system (oldest first), as the control API lists them. */
export async function recorded(
  client: OmniTestClient,
  query: Record<string, string> = {},
): Promise<Array<{ notification_id: string; state: string; call_id: number | null; notification: Notification }>> {
  const q = new URLSearchParams({ limit: '1000', ...query }).toString();
  const res = await client.request('GET', `/__mock/webhook/deliveries?${q}`);
  if (res.status !== 200) throw new Error(`deliveries: ${res.status} ${JSON.stringify(res.body)}`);
  return [...res.body.deliveries].reverse();
}

/** `call_state:answered`, `agent_state:wrap_up`, `recording:stopped`, `cdr`…: a notification in short. */
export function label(n: Notification): string {
  switch (n.type) {
    case 'call_state':
      return `call_state:${n.payload.call_state}`;
    case 'agent_state':
      return `agent_state:${n.payload.agent_state}`;
    case 'recording':
      return `recording:${n.payload.recording_state}`;
    default:
      return n.type;
  }
}
