/**
 * TForge's sample webphone runs sip.js 0.15.11. Its platform transport uses the global WebSocket, so `ws` is installed
 * as that global; media is a fake handler written against 0.15's interface.
 *
 * @module
 */

import { type Invitation, Registerer, SessionState, UserAgent } from 'sip.js-0.15/lib/api/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeMedia015 } from './support/fake-media-015.js';
import { type SipTestServer, startSipTestServer } from './support/sip-test-server.js';
import { installWebSocketGlobal } from './support/sipjs-agent.js';

installWebSocketGlobal();

interface Phone015 {
  ua: UserAgent;
  registerer: Registerer;
  invitations: Invitation[];
  directions: string[];
}

function phone015(url: string, extension: string, password: string): Phone015 {
  const invitations: Invitation[] = [];
  const directions: string[] = [];
  const ua = new UserAgent({
    uri: UserAgent.makeURI(`sip:${extension}@omni.mock`),
    authorizationUsername: extension,
    authorizationPassword: password,
    transportOptions: { server: url },
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
  const registerer = new Registerer(ua, { expires: 300, registrar: UserAgent.makeURI('sip:omni.mock') });
  return { ua, registerer, invitations, directions };
}

function register015(registerer: Registerer): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no final answer')), 5_000);
    const done = (response: { message: { statusCode?: number } }) => {
      clearTimeout(timer);
      resolve(response.message.statusCode ?? 0);
    };
    registerer.register({ requestDelegate: { onAccept: done, onReject: done } }).catch(reject);
  });
}

async function until(check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('compatibility: sip.js 0.15.11 (TForge’s sample webphone)', () => {
  let server: SipTestServer;
  const phones: Phone015[] = [];

  beforeEach(async () => {
    server = await startSipTestServer();
  });
  afterEach(async () => {
    for (const phone of phones.splice(0)) await phone.ua.stop().catch(() => undefined);
    await server.close();
  });

  it('registers with the right password and is refused with a wrong one', async () => {
    const good = phone015(server.url, '1001', 'webrtc1');
    const bad = phone015(server.url, '1002', 'not-it');
    phones.push(good, bad);
    await good.ua.start();
    await bad.ua.start();
    expect(await register015(good.registerer)).toBe(200);
    expect(await register015(bad.registerer)).toBe(403);
    expect(server.edge.isRegistered('sys-default', '1001')).toBe(true);
    expect(server.edge.isRegistered('sys-default', '1002')).toBe(false);
  });

  it('answers the bridge call, follows hold by re-INVITE, and its hang-up is reported', async () => {
    const phone = phone015(server.url, '1003', 'webrtc3');
    phones.push(phone);
    await phone.ua.start();
    expect(await register015(phone.registerer)).toBe(200);

    const leg = await server.edge.bridge('sys-default', '1003', { answerTimeoutMs: 3_000 });
    expect(leg.state).toBe('up');
    const invitation = phone.invitations[0];
    expect(invitation?.request.to.uri.toString()).toBe('sip:1003@omni.mock');
    await until(() => invitation?.state === SessionState.Established);

    await leg.hold();
    await leg.unhold();
    expect(phone.directions).toEqual(['sendrecv', 'sendonly', 'sendrecv']);

    const ended = new Promise((resolve) => leg.onEnded(resolve));
    await invitation?.bye();
    expect(await ended).toBe('phone-hangup');
  });

  it('un-registers on stop', async () => {
    const phone = phone015(server.url, '1001', 'webrtc1');
    phones.push(phone);
    await phone.ua.start();
    expect(await register015(phone.registerer)).toBe(200);
    await new Promise<void>((resolve, reject) => {
      phone.registerer
        .unregister({ requestDelegate: { onAccept: () => resolve(), onReject: () => reject(new Error('refused')) } })
        .catch(reject);
    });
    expect(server.edge.isRegistered('sys-default', '1001')).toBe(false);
    const event = await server.waitFor((e) => e.kind === 'unregistered');
    expect(event.reason).toBe('unregister');
  });
});
