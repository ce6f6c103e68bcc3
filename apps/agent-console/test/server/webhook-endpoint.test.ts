/**
 * Omni's notification endpoint lost and found again, over real loopback HTTP: the mock restarted on a
 * fresh database, another console taking the endpoint, Omni forgetting it. The console sets it at
 * every sign-in, reads it back from time to time, and `/health` tells what it last learnt (a token
 * Omni no longer knows, and cannot renew: omni-errors-and-events.test.ts).
 *
 * @module
 */

import { createMockOmni } from '@omnikit/mock-omni';
import { OmniClient } from '@omnikit/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleBrowser, type ConsoleFixture, EventReader, sleep, startConsoleFixture } from './console-fixture.js';

let fx: ConsoleFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

interface Health {
  webhook_endpoint_set: boolean;
  webhook_endpoint: { state: string; checked_at: string | null };
}

/** The endpoint URL this console sets: its webhook, with its own key. */
const ourWebhook = (f: ConsoleFixture) => `${f.url}/webhooks/omni?key=${f.server.deps.webhookKey}`;

async function health(f: ConsoleFixture): Promise<Health> {
  return (await (await fetch(`${f.url}/health`)).json()) as Health;
}

/** Another user of the same Omni (agent2's token), to read or move the system's one endpoint. */
async function omniAgent(f: ConsoleFixture) {
  const client = new OmniClient({ baseUrl: f.mockUrl, systemKey: f.mock.defaultSystemKey });
  return client.agent(await client.authorize('agent2', 'password2'));
}

async function waitFor(found: () => Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await found())) {
    if (Date.now() > deadline) throw new Error(`not met in ${ms} ms`);
    await sleep(50);
  }
}

/** agent1 registers, logs in to campaign 1: its `agent_state` notification must reach the stream. */
async function expectLiveEvents(f: ConsoleFixture, browser: ConsoleBrowser): Promise<void> {
  const events = await EventReader.open(browser);
  try {
    await events.until((e) => e.some((x) => x.event === 'hello'));
    await f.control('POST', '/__mock/phones/1001/register');
    await browser.json('POST', '/api/login', { campaign_id: 1 });
    await f.advance(1000);
    await events.until((e) =>
      e.some((x) => x.event === 'notification' && (x.data as { type: string }).type === 'agent_state'),
    );
  } finally {
    events.close();
  }
}

describe('Omni’s notification endpoint', () => {
  it('a mock restarted on a fresh database: the check authorizes again, sets it again, events flow, no sign-in', async () => {
    fx = await startConsoleFixture({ webhookCheckMs: 100 });
    const browser = new ConsoleBrowser(fx.url);
    expect((await browser.signIn()).status).toBe(200);
    expect(await health(fx)).toMatchObject({ webhook_endpoint_set: true, webhook_endpoint: { state: 'ours' } });

    const port = Number(new URL(fx.mockUrl).port);
    await fx.mock.close();
    fx.mock = await createMockOmni({ clock: 'manual' });
    await fx.mock.listen({ port, host: '127.0.0.1' });

    // The fresh mock refuses the old token: the sdk authorizes again with the agent's kept password, and the
    // check finds no endpoint there and sets it.
    const f = fx;
    const endpointNow = async () => {
      try {
        return (await (await omniAgent(f)).notifications.getEndpoint()).url;
      } catch {
        return undefined; // a connection kept alive to the mock that closed
      }
    };
    await waitFor(async () => (await endpointNow()) === ourWebhook(f));
    await waitFor(async () => (await health(f)).webhook_endpoint.state === 'ours');
    expect(fx.logs).toContain('notifications: Omni has no endpoint');
    await expectLiveEvents(fx, browser);
  });

  it('another console took it: /health says so, and the next sign-in here takes it back', async () => {
    fx = await startConsoleFixture({ webhookCheckMs: 100 });
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn();
    const other = await omniAgent(fx);
    await other.notifications.setEndpoint({ url: 'http://127.0.0.1:9/webhooks/omni', secret: 'another-console' });
    const f = fx;
    await waitFor(async () => (await health(f)).webhook_endpoint.state === 'elsewhere');
    expect((await health(fx)).webhook_endpoint_set).toBe(false);
    // Not taken back behind the other console's back: two consoles would fight over it.
    expect((await other.notifications.getEndpoint()).url).toBe('http://127.0.0.1:9/webhooks/omni');

    const second = new ConsoleBrowser(fx.url);
    await second.signIn('agent3', 'password3');
    expect((await other.notifications.getEndpoint()).url).toBe(ourWebhook(fx));
    expect((await health(fx)).webhook_endpoint.state).toBe('ours');
    await expectLiveEvents(fx, browser);
  });

  it('Omni forgot it: the console’s own check sets it again without a sign-in', async () => {
    fx = await startConsoleFixture({ webhookCheckMs: 100 });
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn();
    const other = await omniAgent(fx);
    await other.notifications.deleteEndpoint();
    expect((await other.notifications.getEndpoint()).url).toBeNull();
    await waitFor(async () => (await other.notifications.getEndpoint()).url !== null);
    expect((await other.notifications.getEndpoint()).url).toBe(ourWebhook(fx));
    expect((await health(fx)).webhook_endpoint.state).toBe('ours');
    await expectLiveEvents(fx, browser);
  });
});
