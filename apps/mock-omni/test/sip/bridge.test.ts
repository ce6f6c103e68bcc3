import { type Core, type Invitation, SessionState } from 'sip.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { SipBridgeError } from '../../src/sip/sip-bridge-error.js';
import { createSipPhoneGateway, type PhoneHangupEvent } from '../../src/sip/sip-phone-gateway.js';
import { type SipTestServer, startSipTestServer } from './support/sip-test-server.js';
import { installWebSocketGlobal, RawAgent } from './support/sipjs-agent.js';

installWebSocketGlobal();

/** Records the re-INVITEs a phone receives and the direction each one offered. */
function watchReinvites(invitation: Invitation): string[] {
  const directions: string[] = [];
  invitation.delegate = {
    onInvite: (request: Core.IncomingRequestMessage) => {
      directions.push(/^a=(sendrecv|sendonly|recvonly|inactive)\r?$/m.exec(request.body)?.[1] ?? 'none');
    },
  };
  return directions;
}

function waitForState(invitation: Invitation, state: SessionState): Promise<void> {
  if (invitation.state === state) return Promise.resolve();
  return new Promise((resolve) => {
    const listener = (next: SessionState) => {
      if (next !== state) return;
      invitation.stateChange.removeListener(listener);
      resolve();
    };
    invitation.stateChange.addListener(listener);
  });
}

async function rejection(promise: Promise<unknown>): Promise<SipBridgeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SipBridgeError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('bridge leg to a registered sip.js 0.21 phone', () => {
  let server: SipTestServer;
  const agents: RawAgent[] = [];
  const registeredAgent = async (options: {
    extension?: string;
    password?: string;
    url?: string;
    autoAnswer?: boolean;
  }) => {
    const phone = new RawAgent({
      url: options.url ?? server.url,
      extension: options.extension ?? '1001',
      password: options.password ?? 'webrtc1',
      autoAnswer: options.autoAnswer ?? true,
    });
    agents.push(phone);
    await phone.start();
    expect(await phone.register()).toBe(200);
    return phone;
  };

  beforeEach(async () => {
    server = await startSipTestServer();
  });
  afterEach(async () => {
    await Promise.all(agents.splice(0).map((a) => a.stop()));
    await server.close();
  });

  it('sends the INVITE to the registered Contact with the AOR in To, and resolves once answered', async () => {
    const phone = await registeredAgent({});
    const incoming = phone.nextInvitation();
    const leg = await server.edge.bridge('sys-default', '1001', { answerTimeoutMs: 2_000 });
    const invitation = await incoming;
    const binding = server.edge.binding('sys-default', '1001');
    expect(invitation.request.ruri?.toString()).toBe(binding?.contact);
    expect(invitation.request.to.uri.toString()).toBe('sip:1001@omni.mock');
    expect(invitation.request.getHeader('content-type')).toBe('application/sdp');
    // The mock's default media offers in WebRTC's shape (a browser's phone accepts it), with no candidates.
    expect(invitation.body).toMatch(/^m=audio 9 UDP\/TLS\/RTP\/SAVPF /m);
    expect(invitation.body).toMatch(/^a=setup:actpass\r?$/m);
    expect(invitation.body).toMatch(/^a=sendrecv\r?$/m);
    await waitForState(invitation, SessionState.Established);
    expect(leg.state).toBe('up');
    expect(leg.sipCallId).toBe(invitation.request.callId);
    expect(server.edge.stats()).toMatchObject({ legs: 1, userAgents: 1 });
  });

  it('holds and unholds by re-INVITE, which the phone sees as sendonly then sendrecv', async () => {
    const phone = await registeredAgent({});
    const incoming = phone.nextInvitation();
    const leg = await server.edge.bridge('sys-default', '1001', { answerTimeoutMs: 2_000 });
    const directions = watchReinvites(await incoming);
    await leg.hold();
    expect(leg.state).toBe('held');
    expect(directions).toEqual(['sendonly']);
    await leg.hold();
    expect(directions).toEqual(['sendonly']);
    await leg.unhold();
    expect(leg.state).toBe('up');
    expect(directions).toEqual(['sendonly', 'sendrecv']);
  });

  it('runs overlapping hold/unhold requests one after the other', async () => {
    const phone = await registeredAgent({});
    const incoming = phone.nextInvitation();
    const leg = await server.edge.bridge('sys-default', '1001', { answerTimeoutMs: 2_000 });
    const directions = watchReinvites(await incoming);
    await Promise.all([leg.hold(), leg.unhold(), leg.hold()]);
    expect(directions).toEqual(['sendonly', 'sendrecv', 'sendonly']);
    expect(leg.state).toBe('held');
  });

  it('reports the phone hanging up (BYE from the phone)', async () => {
    const phone = await registeredAgent({});
    const incoming = phone.nextInvitation();
    const leg = await server.edge.bridge('sys-default', '1001', { answerTimeoutMs: 2_000 });
    const ended = new Promise((resolve) => leg.onEnded(resolve));
    const invitation = await incoming;
    await invitation.bye();
    expect(await ended).toBe('phone-hangup');
    expect(leg.state).toBe('ended');
    expect(server.edge.stats().legs).toBe(0);
    const error = await rejection(leg.hold());
    expect(error.code).toBe('ENDED');
  });

  it('hangs up from the mock’s side (BYE to the phone)', async () => {
    const phone = await registeredAgent({});
    const incoming = phone.nextInvitation();
    const leg = await server.edge.bridge('sys-default', '1001', { answerTimeoutMs: 2_000 });
    const invitation = await incoming;
    await waitForState(invitation, SessionState.Established);
    await leg.hangup();
    await waitForState(invitation, SessionState.Terminated);
    expect(leg.endReason).toBe('server-hangup');
  });

  it('rejects with NO_ANSWER after the wall-clock answer timeout and cancels the INVITE', async () => {
    const phone = await registeredAgent({ autoAnswer: false });
    const incoming = phone.nextInvitation();
    const started = Date.now();
    const error = await rejection(server.edge.bridge('sys-default', '1001', { answerTimeoutMs: 300 }));
    expect(error.code).toBe('NO_ANSWER');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    const invitation = await incoming;
    await waitForState(invitation, SessionState.Terminated);
    expect(server.edge.stats().legs).toBe(0);
  });

  it('rejects with REJECTED and the status when the phone declines', async () => {
    const phone = await registeredAgent({ autoAnswer: false });
    const incoming = phone.nextInvitation();
    const bridged = server.edge.bridge('sys-default', '1001', { answerTimeoutMs: 2_000 });
    await (await incoming).reject({ statusCode: 603 });
    const error = await rejection(bridged);
    expect(error).toMatchObject({ code: 'REJECTED', statusCode: 603 });
  });

  it('rejects with NOT_REGISTERED for an extension without a binding', async () => {
    const error = await rejection(server.edge.bridge('sys-default', '1002', { answerTimeoutMs: 500 }));
    expect(error.code).toBe('NOT_REGISTERED');
  });

  it('ends the leg when the phone’s socket drops, and the binding with it', async () => {
    const phone = await registeredAgent({});
    const incoming = phone.nextInvitation();
    const leg = await server.edge.bridge('sys-default', '1001', { answerTimeoutMs: 2_000 });
    await incoming;
    const ended = new Promise((resolve) => leg.onEnded(resolve));
    (phone.ua.transport as unknown as { ws: WebSocket }).ws.terminate();
    expect(await ended).toBe('connection-lost');
    const event = await server.waitFor((e) => e.kind === 'unregistered');
    expect(event.reason).toBe('connection-closed');
  });

  it('rejects with CONNECTION_LOST when the socket drops while ringing', async () => {
    const phone = await registeredAgent({ autoAnswer: false });
    const incoming = phone.nextInvitation();
    const bridged = server.edge.bridge('sys-default', '1001', { answerTimeoutMs: 5_000 });
    await incoming;
    (phone.ua.transport as unknown as { ws: WebSocket }).ws.terminate();
    const error = await rejection(bridged);
    expect(error.code).toBe('CONNECTION_LOST');
  });

  it('reaches only the phone of the named system when extensions repeat', async () => {
    const home = await registeredAgent({});
    const acme = await registeredAgent({ url: `${server.url}/acme`, password: 'acme1' });
    const acmeIncoming = acme.nextInvitation();
    const leg = await server.edge.bridge('sys-acme', '1001', { answerTimeoutMs: 2_000 });
    await acmeIncoming;
    expect(leg.target.userId).toBe(11);
    expect(home.invitations).toHaveLength(0);
    expect(acme.invitations).toHaveLength(1);
  });

  it('ends legs and refuses new bridges once the edge is closed', async () => {
    const phone = await registeredAgent({});
    const incoming = phone.nextInvitation();
    const leg = await server.edge.bridge('sys-default', '1001', { answerTimeoutMs: 2_000 });
    await incoming;
    await server.edge.close();
    expect(leg.endReason).toBe('connection-lost');
    const error = await rejection(server.edge.bridge('sys-default', '1001', { answerTimeoutMs: 100 }));
    expect(error.code).toBe('CLOSED');
  });
});

describe('the SipPhoneGateway', () => {
  let server: SipTestServer;
  const agents: RawAgent[] = [];

  beforeEach(async () => {
    server = await startSipTestServer();
  });
  afterEach(async () => {
    await Promise.all(agents.splice(0).map((a) => a.stop()));
    await server.close();
  });

  it('places, holds, retrieves and hangs up a bridge call, reporting only the phone’s hang-ups', async () => {
    const gateway = createSipPhoneGateway(server.edge);
    const hangups: PhoneHangupEvent[] = [];
    gateway.onPhoneHangup((event) => hangups.push(event));
    expect(gateway.isRegistered('sys-default', '1002')).toBe(false);
    const phone = new RawAgent({ url: server.url, extension: '1002', password: 'webrtc2' });
    agents.push(phone);
    await phone.start();
    await phone.register();
    expect(gateway.isRegistered('sys-default', '1002')).toBe(true);

    const incoming = phone.nextInvitation();
    const call = await gateway.placeBridgeCall('sys-default', '1002', { answerTimeoutMs: 2_000 });
    const invitation = await incoming;
    expect(call).toMatchObject({ systemId: 'sys-default', extension: '1002', callRef: invitation.request.callId });
    const directions = watchReinvites(invitation);
    await gateway.hold(call.bridgeId);
    await gateway.retrieve(call.bridgeId);
    expect(directions).toEqual(['sendonly', 'sendrecv']);
    await gateway.hangup(call.bridgeId);
    await waitForState(invitation, SessionState.Terminated);
    expect(hangups).toEqual([]);
    await expect(gateway.hold(call.bridgeId)).rejects.toMatchObject({ code: 'ENDED' });

    const second = phone.nextInvitation();
    const again = await gateway.placeBridgeCall('sys-default', '1002', { answerTimeoutMs: 2_000 });
    const secondInvitation = await second;
    await waitForState(secondInvitation, SessionState.Established);
    await secondInvitation.bye();
    const started = Date.now();
    while (hangups.length === 0 && Date.now() - started < 3_000) await new Promise((r) => setTimeout(r, 5));
    expect(hangups).toEqual([
      { bridgeId: again.bridgeId, systemId: 'sys-default', extension: '1002', userId: 2, reason: 'phone-hangup' },
    ]);
  });

  it('maps an unregistered extension to NOT_REGISTERED', async () => {
    const gateway = createSipPhoneGateway(server.edge);
    await expect(gateway.placeBridgeCall('sys-default', '1003', { answerTimeoutMs: 100 })).rejects.toMatchObject({
      code: 'NOT_REGISTERED',
    });
  });
});
