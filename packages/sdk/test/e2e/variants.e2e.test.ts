import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  formatVariation,
  isDefaultVariation,
  type NamedVariation,
  type Variation,
  variationMatrix,
} from '@omnikit/contracts/variants';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  createCallTracker,
  createNotificationHandler,
  InvalidStateError,
  NotFoundError,
  type Notification,
  ValidationError,
} from '../../src/index.js';
import { toNodeListener } from '../../src/node/index.js';
import { type MockTarget, startTarget } from '../support/mock-target.js';

/**
 * The sdk's end-to-end flow — authorize, campaign login, a call placed, read, hung up and
 * disposed, its CDR through a real webhook receiver, a lead, the failures an application meets —
 * against the mock playing each plausible Omni (issue 19's variation axes): every value of every
 * axis one at a time, and 20 combinations drawn from seed 19. The flow is the same code for all of
 * them, with the same expectations: that is the claim, "the sdk works unchanged".
 *
 * The one thing an application configures per Omni is whether it signs notifications: against an
 * Omni that never signs (`notifications=unsigned`) the receiver is given no secret, since a
 * receiver with a secret refuses unsigned deliveries (README, Webhooks).
 *
 * A mock that ignored `vary` would answer every variant as the default and let every flow pass
 * without trying a single variant: the first test proves that the mock plays the variant it is
 * asked for (a refusal as a 200 under `errors=ok-false`), so that the matrix can never pass
 * vacuously.
 */

const silent = { info: () => {}, error: () => {} };
const SECRET = 'whsec-variants-e2e';
const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const MINUTE = 60_000;

/** The status the mock gives an unknown campaign when asked to play `errors=ok-false` (200 when it does). */
async function unknownCampaignStatusUnderOkFalse(): Promise<number> {
  const target = await startTarget('in-process', { vary: 'errors=ok-false', logger: silent });
  try {
    const auth = await target.fetch(
      new Request(`${target.baseUrl}/omni/user/authorize`, {
        method: 'POST',
        headers: { authorization: `Key=${target.systemKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ user_name: 'agent1', password: btoa('password1') }),
      }),
    );
    const { token_key } = (await auth.json()) as { token_key: string };
    const missing = await target.fetch(
      new Request(`${target.baseUrl}/omni/campaign/999`, {
        headers: { authorization: `Key=${target.systemKey}`, tokenKey: token_key },
      }),
    );
    return missing.status;
  } finally {
    await target.close();
  }
}

/** A webhook receiver on 127.0.0.1: what the application's callback was handed, in order. */
async function startReceiver(secret: string | undefined, timeZone: string) {
  const got: Notification[] = [];
  const handler = createNotificationHandler({
    ...(secret === undefined ? {} : { secret }),
    timeZone,
    onNotification: (n) => void got.push(n),
  });
  const server: Server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/omni`,
    got,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Waits (wall clock) until `found` holds, or fails saying what was awaited. */
async function until(what: string, found: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!found()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The flow, written once; `variation` only says which Omni the mock plays. */
async function runFlow(variation: Variation): Promise<void> {
  const target: MockTarget = await startTarget('in-process', { vary: formatVariation(variation), logger: silent });
  const secret = variation.notifications === 'unsigned' ? undefined : SECRET;
  // A system away from UTC (with daylight saving time), so that local times are not UTC's by chance;
  // the application is configured with the system's zone, read back as the mock states it.
  const hours = await target.control('PUT', '/__mock/office-hours', { time_zone: 'America/New_York', windows: [] });
  expect(hours.status).toBe(200);
  const { time_zone: timeZone } = (await (await target.control('GET', '/__mock/office-hours')).json()) as {
    time_zone: string;
  };
  expect(timeZone).toBe('America/New_York');
  const receiver = await startReceiver(secret, timeZone);
  try {
    const client = target.client({ validateResponses: true, timeZone, maxRetries: 0 });
    const credentials = () => ({ password: 'password1' });
    const session = await client.authorize('agent1', 'password1', { credentials });
    expect(session.userId).toBe(1);
    expect(session.expiryDate).toMatch(ISO_Z);
    const agent = client.agent(session);

    // The failures an application meets, each as its class.
    await expect(client.authorize('agent1', 'not the password')).rejects.toBeInstanceOf(AuthenticationError);
    await expect(agent.campaigns.get(999)).rejects.toBeInstanceOf(NotFoundError);
    await expect(agent.state({ state: 'ready' })).rejects.toBeInstanceOf(InvalidStateError);

    // Notifications to the receiver; the agent's phone; campaign login.
    await agent.notifications.setEndpoint({
      url: receiver.url,
      secret: SECRET,
      notification_types: ['cdr', 'call_state'],
    });
    expect((await target.control('POST', '/__mock/phones/1001/register')).status).toBe(200);
    expect(await agent.login({ campaign_id: 1, extension: '1001' })).toMatchObject({ success: true });
    await expect(agent.state({ state: 'paused', pause_code: 'NAP' })).rejects.toBeInstanceOf(ValidationError);
    await agent.state({ state: 'ready' });
    expect(await agent.get()).toMatchObject({ user_id: 1, agent_state: 'ready', campaign_id: 1, call_id: 0 });

    // A call: ids are numbers, dates the contract's one form, at the mock's instant.
    const started = new Date(target.now()).toISOString();
    const call = await agent.calls.make({ phone_number: '0800555008', unique_id: 'crm-variants' });
    expect(call).toMatchObject({ phone_number: '0800555008', call_start_time: started });
    expect(typeof call.call_id).toBe('number');
    await target.advance(2_000);
    const live = await agent.calls.get(call.call_id);
    expect(live).toMatchObject({
      call_id: call.call_id,
      call_state: 'answered',
      campaign_id: 1,
      call_start_time: started,
    });
    expect(live.answer_time).toMatch(ISO_Z);

    // Another sign-in as the same agent (a console beside the CRM): under `tokens=revoke-older`
    // it revokes the session's token, and the session's next command re-authorizes once.
    await client.authorize('agent1', 'password1');
    await agent.calls.hangup(call.call_id);
    await agent.calls.dispose(call.call_id, { disposition_code: 'SALE', notes: 'variants' });

    // The CDR: once for the application, ids and dates in the contract's form.
    await until('the CDR', () => receiver.got.some((n) => n.type === 'cdr'));
    await new Promise((r) => setTimeout(r, 100)); // a second delivery, if any, has its chance
    const cdrs = receiver.got.filter((n) => n.type === 'cdr');
    expect(cdrs).toHaveLength(1);
    const cdr = cdrs[0];
    if (cdr?.type !== 'cdr') throw new Error('expected a cdr');
    expect(cdr.payload).toMatchObject({
      call_id: call.call_id,
      unique_id: 'crm-variants',
      dispostion_code: 'SALE',
      user_id: 1,
      campaign_id: 1,
      start_date_time: started,
    });
    expect(cdr.payload.end_date_time).toMatch(ISO_Z);
    // In whatever order they came, the call ends ended, with its CDR.
    const calls = createCallTracker();
    for (const n of receiver.got) calls.apply(n);
    expect(calls.get(call.call_id)).toMatchObject({ call_state: 'ended', cdr: cdr.payload });

    // Time passes past a short-lived token's 15 minutes: the session renews it by the clock.
    await target.advance(16 * MINUTE);
    const { lead_id } = await agent.leads.add({
      list_id: 1,
      first_name: 'Thandi',
      last_name: 'Mokoena',
      other_info: 'variants',
      phone_numbers: [{ phone_number: '0821234567', phone_type_id: 2 }],
    });
    expect(typeof lead_id).toBe('number');
    const lead = await agent.leads.get(lead_id);
    expect(lead).toMatchObject({ lead_id, list_id: 1, status: 'NEW' });
    expect(lead.created_at).toBe(new Date(target.now()).toISOString());
    expect(await agent.logout()).toMatchObject({ success: true });
  } finally {
    await receiver.close();
    await target.close();
  }
}

const MATRIX: readonly NamedVariation[] = variationMatrix({ random: 20, seed: 19 });
const DEFAULT = MATRIX.filter((v) => isDefaultVariation(v.variation));
const VARIANTS = MATRIX.filter((v) => !isDefaultVariation(v.variation));

describe('the sdk flow against the mock: the contracts’ own Omni', () => {
  for (const { label, variation } of DEFAULT) {
    it(label, () => runFlow(variation), 30_000);
  }
});

describe('the sdk flow against the mock: every plausible Omni', () => {
  it('the mock plays the variant it is asked for: under errors=ok-false a 404 is a 200', async () => {
    expect(await unknownCampaignStatusUnderOkFalse()).toBe(200);
  });

  it('the matrix is every single-axis value and 20 seeded combinations', () => {
    expect(MATRIX.filter((v) => v.axis !== undefined)).toHaveLength(12);
    expect(MATRIX.filter((v) => v.label.startsWith('random#'))).toHaveLength(20);
  });
  for (const { label, variation } of VARIANTS) {
    it(`${label} (${formatVariation(variation)})`, () => runFlow(variation), 30_000);
  }
});
