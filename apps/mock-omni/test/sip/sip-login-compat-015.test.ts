/**
 * TForge's sample webphone (sip.js 0.15.11) against the whole mock: register on the mock's own port, campaign login
 * that waits for it to answer the bridge INVITE, a customer call bridged into that leg with hold/retrieve as
 * re-INVITEs, and the phone hanging up mid-call (call ended, agent logged out with `phone_dropped`, the CDR sent).
 *
 * @module
 */

import { type Invitation, Registerer, SessionState, UserAgent } from 'sip.js-0.15/lib/api/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMockOmni, type Listening, type MockOmni } from '../../src/index.js';
import { OmniTestClient } from '../support/omni-client.js';
import { label, recorded, TestAgent } from '../support/telephony.js';
import { until } from '../support/until.js';
import { fakeMedia015 } from './support/fake-media-015.js';
import { installWebSocketGlobal } from './support/sipjs-agent.js';

installWebSocketGlobal();

let mock: MockOmni;
let server: Listening;
let client: OmniTestClient;
const uas: UserAgent[] = [];

beforeEach(async () => {
  mock = await createMockOmni({
    clock: 'manual',
    logger: { info: () => {}, error: () => {} },
    sip: { answerTimeoutMs: 2_000 },
  });
  server = await mock.listen({ port: 0, host: '127.0.0.1' });
  client = new OmniTestClient(mock);
});
afterEach(async () => {
  for (const ua of uas.splice(0)) await ua.stop().catch(() => undefined);
  await server.close();
  await mock.close();
});

function register(registerer: Registerer): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no final answer to the REGISTER')), 5_000);
    const done = (response: { message: { statusCode?: number } }) => {
      clearTimeout(timer);
      resolve(response.message.statusCode ?? 0);
    };
    registerer.register({ requestDelegate: { onAccept: done, onReject: done } }).catch(reject);
  });
}

describe('sip.js 0.15.11 against the whole mock', () => {
  it('registers (wrong password refused), logs in on answer, bridges a call, and its hang-up logs the agent out', async () => {
    const invitations: Invitation[] = [];
    const directions: string[] = [];
    const phone = (password: string) => {
      const ua = new UserAgent({
        uri: UserAgent.makeURI('sip:1001@omni.mock'),
        authorizationUsername: '1001',
        authorizationPassword: password,
        transportOptions: { server: `${server.url.replace('http', 'ws')}/ws` },
        sessionDescriptionHandlerFactory: fakeMedia015(directions),
        logBuiltinEnabled: false,
        logConfiguration: false,
        logLevel: 'error',
        delegate: {
          onInvite: (invitation) => {
            invitations.push(invitation);
            invitation.accept().catch(() => undefined);
          },
        },
      });
      uas.push(ua);
      return { ua, registerer: new Registerer(ua, { expires: 300, registrar: UserAgent.makeURI('sip:omni.mock') }) };
    };
    const a = new TestAgent(client, 1, await client.login('agent1'), '1001');

    const wrong = phone('not-it');
    await wrong.ua.start();
    expect(await register(wrong.registerer)).toBe(403);
    expect((await a.view()).registered).toBe(false);

    const right = phone('webrtc1');
    await right.ua.start();
    expect(await register(right.registerer)).toBe(200);
    expect((await a.view()).registered).toBe(true);

    const login = await a.login();
    expect(login.status).toBe(200);
    expect(invitations).toHaveLength(1);
    const bridge = invitations[0] as Invitation;
    await until('the bridge up', () => bridge.state === SessionState.Established);
    expect((await a.view()).agent_state).toBe('paused');

    const { call_id } = (await a.dial('0800555008')).body;
    await client.advance(5_000);
    expect((await a.call(call_id)).call_state).toBe('answered');
    await a.command(call_id, 'hold');
    await until('the hold re-INVITE', () => directions.at(-1) === 'sendonly');
    await a.command(call_id, 'retrieve');
    await until('the retrieve re-INVITE', () => directions.length === 3);
    expect(directions).toEqual(['sendrecv', 'sendonly', 'sendrecv']);
    await client.advance(2_000);

    await bridge.bye();
    await until('the call ended', async () => (await a.call(call_id)).call_state === 'ended');
    await a.command(call_id, 'dispose', { disposition_code: 'NI' });
    expect((await a.view()).agent_state).toBe('logged_out');
    const seq = (await recorded(client)).map((d) => label(d.notification));
    expect(seq.slice(-3)).toEqual(['agent_state:wrap_up', 'agent_state:logged_out', 'cdr']);
    const cdr = (await recorded(client, { type: 'cdr' })).at(-1)?.notification;
    expect(cdr).toMatchObject({
      type: 'cdr',
      payload: { call_id, user_id: 1, campaign_id: 1, phone_number: '0800555008', dispostion_code: 'NI' },
    });
  });
});
