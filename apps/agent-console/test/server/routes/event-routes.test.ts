/**
 * `HEAD /api/events` over real loopback HTTP: the headers of the stream, and no stream left behind
 * (Hono answers HEAD with the GET handler, and a HEAD response never aborts).
 *
 * @module
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsoleBrowser, type ConsoleFixture, EventReader, sleep, startConsoleFixture } from '../console-fixture.js';

let fx: ConsoleFixture;
beforeEach(async () => {
  fx = await startConsoleFixture();
});
afterEach(async () => {
  await fx.close();
});

describe('HEAD /api/events', () => {
  it('answers the stream’s headers and opens no stream, however often it is asked', async () => {
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn();
    for (let i = 0; i < 20; i++) {
      const res = await browser.request('HEAD', '/api/events');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(await res.text()).toBe('');
    }
    await sleep(100);
    expect(fx.server.deps.hub.streamCount).toBe(0);
    const health = (await (await fetch(`${fx.url}/health`)).json()) as { streams: number };
    expect(health.streams).toBe(0);
    // A real stream still opens and is counted.
    const events = await EventReader.open(browser);
    await events.until((e) => e.some((x) => x.event === 'hello'));
    expect(fx.server.deps.hub.streamCount).toBe(1);
    events.close();
  });

  it('signed out: 401 as for GET', async () => {
    const res = await new ConsoleBrowser(fx.url).request('HEAD', '/api/events');
    expect(res.status).toBe(401);
  });
});
