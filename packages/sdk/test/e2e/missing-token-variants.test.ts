import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AgentResources, AuthenticationError } from '../../src/index.js';
import { type MockTarget, startTarget } from '../support/mock-target.js';

/**
 * `MISSING_TOKEN` says no token reached Omni; `INVALID_TOKEN` says Omni refused the one that did. A session
 * re-authorizes on a refusal only: it sends the token it holds on every request, so a new one would be lost on the
 * way as the old one was (and a needless authorize may revoke the user's other tokens). The session must tell the two
 * apart alike in every `errors` form — by the code, by the status and detail, by the detail of a 200 alone — against a
 * mock listening on 127.0.0.1 with each fault injected (`POST /__mock/faults`).
 */
describe.each(['coded', 'status-only', 'ok-false'] as const)('a session under errors=%s', (form) => {
  let target: MockTarget;
  let agent: AgentResources;
  let asked = 0;

  const authorizes = () => target.sent.filter((s) => s === 'POST /omni/user/authorize').length;
  const campaignGets = () => target.sent.filter((s) => s === 'GET /omni/campaign/1').length;

  beforeAll(async () => {
    target = await startTarget('http', { vary: `errors=${form}` });
    expect(target.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = target.client({ maxRetries: 0 });
    const session = await client.authorize('agent1', 'password1', {
      credentials: () => {
        asked += 1;
        return { password: 'password1' };
      },
    });
    agent = client.agent(session);
  });
  afterAll(() => target.close());

  beforeEach(async () => {
    expect((await target.control('DELETE', '/__mock/faults')).status).toBe(200);
    target.sent.length = 0;
    asked = 0;
  });

  async function failWith(code: 'MISSING_TOKEN' | 'INVALID_TOKEN'): Promise<unknown> {
    const added = await target.control('POST', '/__mock/faults', { route_id: 'getCampaign', error_code: code });
    expect(added.status).toBe(200);
    return agent.campaigns.get(1).then(
      () => undefined,
      (e: unknown) => e,
    );
  }

  it('MISSING_TOKEN: an AuthenticationError at once, no authorize, the request sent once', async () => {
    const error = await failWith('MISSING_TOKEN');
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).detail).toMatch(/no tokenKey was sent/);
    expect((error as AuthenticationError).status).toBe(form === 'ok-false' ? 200 : 401);
    expect(asked).toBe(0);
    expect(authorizes()).toBe(0);
    expect(campaignGets()).toBe(1);
  });

  it('INVALID_TOKEN: re-authorizes once and sends the request once more (the fault stays, so it fails)', async () => {
    const error = await failWith('INVALID_TOKEN');
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(asked).toBe(1);
    expect(authorizes()).toBe(1);
    expect(campaignGets()).toBe(2);
  });
});
