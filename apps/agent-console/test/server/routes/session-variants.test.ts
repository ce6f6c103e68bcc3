import { describe, expect, it } from 'vitest';
import { consoleError } from '../../../src/shared/console-errors.js';
import { sessionView } from '../../../src/shared/console-schemas.js';
import { ConsoleBrowser, startConsoleFixture } from '../console-fixture.js';

/**
 * The console against every `errors` form a real Omni may use (`omni-mock --vary`): a wrong password is still a
 * sign-in failure in words, a refused system key still the administrator's problem, whatever the wire says.
 */
describe.each(['errors=coded', 'errors=ok-false', 'errors=status-only'])('sign-in under %s', (vary) => {
  it('a wrong password is 401 SIGN_IN_FAILED; the right one signs in', async () => {
    const fx = await startConsoleFixture({ vary });
    try {
      const browser = new ConsoleBrowser(fx.url);
      const res = await browser.signIn('agent1', 'wrong');
      expect(res.status).toBe(401);
      const { error } = consoleError.parse(await res.json());
      expect(error.code).toBe('SIGN_IN_FAILED');
      expect(error.message).toMatch(/user name or password/);
      expect(error.omniCode).toBe(vary === 'errors=coded' ? 'INVALID_TOKEN' : undefined);
      const ok = await browser.signIn('agent1', 'password1');
      expect(ok.status).toBe(200);
      expect(sessionView.parse(await ok.json())).toMatchObject({ user_name: 'agent1' });
    } finally {
      await fx.close();
    }
  });

  it('a refused system key is OMNI_UNAVAILABLE, not a sign-in failure', async () => {
    const fx = await startConsoleFixture({ vary, env: { OMNI_SYSTEM_KEY: 'not-the-key' } });
    try {
      const res = await new ConsoleBrowser(fx.url).signIn('agent1', 'password1');
      const { error } = consoleError.parse(await res.json());
      expect(error.code).toBe('OMNI_UNAVAILABLE');
    } finally {
      await fx.close();
    }
  });
});
