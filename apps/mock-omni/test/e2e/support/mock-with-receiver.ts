import { type Notification, notification as notificationSchema } from '@omnikit/contracts';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createMockOmni, type Listening, type MockOmni } from '../../../src/index.js';
import { HttpClient } from './http-client.js';
import { type Delivery, ReceiverProcess } from './receiver-process.js';

/** The instant a new manual-clock system starts at (the demo's Monday 08:00 UTC). */
export const T0 = Date.parse('2026-01-05T08:00:00.000Z');
/** The ISO date-time `offsetMs` after T0, as the mock writes it. */
export const ts = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();
export const parsed = (d: Delivery) => notificationSchema.parse(JSON.parse(d.body)) as Notification;
export const callOf = (n: Notification) => ('call_id' in n.payload ? n.payload.call_id : null);

export interface LoggedInAgent {
  api: HttpClient;
  token: string;
  receiver: ReceiverProcess;
}

/**
 * The end-to-end tests' stage, registered as the file's hooks: one mock on 127.0.0.1 (manual clock)
 * for the file, and per test a fresh system whose webhook points at a new receiver process checking
 * signatures with `secret`, agent 1 on a virtual phone logged into campaign 1 (after an optional
 * campaign update) and its login notification delivered. The receiver stops after each test.
 */
export function useMockWithReceiver(secret: string): {
  setup(campaign?: Record<string, unknown>): Promise<LoggedInAgent>;
  url(): string;
} {
  let mock: MockOmni;
  let server: Listening;
  let rx: ReceiverProcess | undefined;
  beforeAll(async () => {
    mock = await createMockOmni({ clock: 'manual', logger: { info: () => {}, error: () => {} } });
    server = await mock.listen({ port: 0 });
  });
  afterAll(async () => {
    await server.close();
    await mock.close();
  });
  afterEach(async () => {
    await rx?.stop();
    rx = undefined;
  });
  return {
    url: () => server.url,
    async setup(campaign = {}) {
      const root = new HttpClient(server.url, mock.defaultSystemKey);
      const key = (await root.ok('POST', '/__mock/systems', { clock: 'manual' })).system_key as string;
      const api = new HttpClient(server.url, key);
      const receiver = await ReceiverProcess.start(secret);
      rx = receiver;
      const token = await api.authorize('agent1', 'password1');
      if (Object.keys(campaign).length > 0) await api.ok('PUT', '/omni/campaign/1', campaign, token);
      await api.ok('POST', '/omni/notification/endpoint', { url: receiver.url, secret }, token);
      await api.ok('POST', '/__mock/phones/1001/register');
      await api.ok('POST', '/omni/users/1/login', { campaign_id: 1, extension: '1001' }, token);
      await receiver.until('the login', (r) => r.length === 1);
      return { api, token, receiver };
    },
  };
}
