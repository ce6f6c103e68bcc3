import { afterEach, describe, expect, it } from 'vitest';
import { consoleError } from '../../../src/shared/console-errors.js';
import { demoAgentList } from '../../../src/shared/console-schemas.js';
import { ConsoleBrowser, type ConsoleFixture, startConsoleFixture } from '../console-fixture.js';

let fx: ConsoleFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

describe('GET /api/demo-agents', () => {
  it('lists the mock’s users from its control API, without a session and without a password', async () => {
    fx = await startConsoleFixture();
    const created = await fx.control('POST', '/__mock/users', {
      user_name: 'Trainee.Two',
      password: 'secret-pw',
      extension: '2002',
      webrtc_password: 'webrtc-secret',
    });
    expect(created.status).toBe(200);
    const res = await new ConsoleBrowser(fx.url).request('GET', '/api/demo-agents');
    expect(res.status).toBe(200);
    const text = await res.text();
    const { agents } = demoAgentList.parse(JSON.parse(text));
    expect(agents.slice(0, 5)).toEqual([1, 2, 3, 4, 5].map((n) => ({ user_name: `agent${n}`, extension: `100${n}` })));
    // A user added to the mock shows up as the mock spells it: the list is read, not written in.
    expect(agents).toContainEqual({ user_name: 'Trainee.Two', extension: '2002' });
    expect(text).not.toMatch(/password|webrtc|secret/i);
  });

  it('answers 404 MOCK_ONLY in words against a real Omni', async () => {
    fx = await startConsoleFixture({ args: ['--target', 'omni', '--system-key', 'omni-demo-key'] });
    const res = await new ConsoleBrowser(fx.url).request('GET', '/api/demo-agents');
    expect(res.status).toBe(404);
    const { error } = consoleError.parse(await res.json());
    expect(error.code).toBe('MOCK_ONLY');
    expect(error.message).toMatch(/only on the mock/);
  });

  it('against a mock that wants an admin key the console lacks: 502 in words, not a crash', async () => {
    fx = await startConsoleFixture({ mockAdminKey: 'console-admin-key' });
    const res = await new ConsoleBrowser(fx.url).request('GET', '/api/demo-agents');
    expect(res.status).toBe(502);
    expect(consoleError.parse(await res.json()).error.code).toBe('OMNI_UNAVAILABLE');
  });
});
