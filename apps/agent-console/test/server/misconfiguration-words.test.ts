/**
 * A misconfigured console says which setting to check, over real loopback HTTP: a wrong
 * `--system-key` names `--system-key` (not `--admin-key`), and an `--omni-url` with a wrong path
 * is a 502 naming the URL, not a 404 "Omni does not offer this function".
 *
 * @module
 */

import { afterEach, describe, expect, it } from 'vitest';
import { consoleError } from '../../src/shared/console-errors.js';
import { ConsoleBrowser, type ConsoleFixture, startConsoleFixture } from './console-fixture.js';

let fx: ConsoleFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

describe('a misconfigured console in words', () => {
  it('a wrong --system-key: the mock’s control API refusal says to check --system-key', async () => {
    fx = await startConsoleFixture({ args: ['--system-key', 'not-the-demo-key'] });
    const res = await fetch(`${fx.url}/api/demo-agents`);
    expect(res.status).toBe(502);
    const { error } = consoleError.parse(await res.json());
    expect(error.code).toBe('OMNI_UNAVAILABLE');
    expect(error.message).toContain('Check --system-key');
    expect(error.message).not.toContain('--admin-key');
  });

  it('a missing --admin-key still says to check --admin-key', async () => {
    fx = await startConsoleFixture({ mockAdminKey: 'console-admin-key' });
    const { error } = consoleError.parse(await (await fetch(`${fx.url}/api/demo-agents`)).json());
    expect(error.message).toContain('Check --admin-key');
    expect(error.message).not.toContain('--system-key');
  });

  it('an --omni-url with a wrong path: sign-in is 502 naming the URL and --omni-url, not 404', async () => {
    fx = await startConsoleFixture({ omniUrlPath: '/omni' });
    const res = await new ConsoleBrowser(fx.url).signIn();
    expect(res.status).toBe(502);
    const { error } = consoleError.parse(await res.json());
    expect(error.code).toBe('OMNI_UNAVAILABLE');
    expect(error.message).toContain(`${fx.mockUrl}/omni`);
    expect(error.message).toContain('--omni-url');
    expect(error.message).not.toMatch(/does not offer/);
    expect(fx.server.deps.sessions.size).toBe(0);
    // The mock's control API under the same wrong URL says the same.
    const demo = consoleError.parse(await (await fetch(`${fx.url}/api/demo-agents`)).json());
    expect(demo.error.code).toBe('OMNI_UNAVAILABLE');
    expect(demo.error.message).toContain('--omni-url');
  });
});
