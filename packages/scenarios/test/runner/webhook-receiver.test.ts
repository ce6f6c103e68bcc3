import { signNotification } from '@omnikit/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookReceiver } from '../../src/runner/webhook-inbox.js';

const body = JSON.stringify({
  type: 'agent_state',
  payload: {
    user_id: 1,
    campaign_id: 1,
    extension: '1001',
    agent_state: 'ready',
    previous_state: 'paused',
    pause_code: '',
    reason: 'api',
    timestamp: '2026-01-05T08:00:00.000Z',
  },
});

async function post(url: string, secret: string | undefined, id: string, raw = body): Promise<number> {
  const ts = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-omni-notification-id': id,
    'x-omni-timestamp': String(ts),
  };
  if (secret) headers['x-omni-signature'] = await signNotification(raw, secret, ts);
  return (await fetch(url, { method: 'POST', headers, body: raw })).status;
}

describe('the runner’s webhook receiver', () => {
  const receiver = new WebhookReceiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.close());

  it('verifies signatures, keeps duplicates apart, and wakes waiters', async () => {
    const inbox = receiver.inbox('s3cret-s3cret');
    const waiting = inbox.waitFor((n) => n.type === 'agent_state', 2_000);
    expect(await post(inbox.url, 's3cret-s3cret', 'n1')).toBe(200);
    expect((await waiting).type).toBe('agent_state');
    expect(await post(inbox.url, 's3cret-s3cret', 'n1')).toBe(200);
    expect(inbox.deliveries.map((d) => d.duplicate)).toEqual([false, true]);
    expect(inbox.notifications()).toHaveLength(1);
    expect(await post(inbox.url, 'wrong-secret!', 'n2')).toBe(400);
    expect(await post(inbox.url, 's3cret-s3cret', 'n3', '{"type":"nope"}')).toBe(400);
    expect(inbox.rejected).toHaveLength(2);
    expect(inbox.deliveries).toHaveLength(2);
  });

  it('rejects an unsigned delivery to an inbox with a secret unless it accepts unsigned ones', async () => {
    const inbox = receiver.inbox('s3cret-s3cret');
    expect(await post(inbox.url, undefined, 'u0')).toBe(400);
    expect(inbox.rejected).toEqual([expect.stringMatching(/no X-Omni-Signature header/)]);
    expect(inbox.notifications()).toHaveLength(0);
    expect(inbox.unsigned).toBe(0);
  });

  it('takes an unsigned delivery when told to (notifications=unsigned, a real Omni) and counts it', async () => {
    const inbox = receiver.inbox('s3cret-s3cret', { acceptUnsigned: true });
    expect(await post(inbox.url, undefined, 'u1')).toBe(200);
    expect(inbox.unsigned).toBe(1);
    expect(inbox.notifications()).toHaveLength(1);
    // A signature that is there must still be right.
    expect(await post(inbox.url, 'wrong-secret!', 'u2')).toBe(400);
    expect(inbox.unsigned).toBe(1);
    expect(inbox.rejected).toHaveLength(1);
  });

  it('an outage answers its status and records nothing until recovered; inboxes are apart', async () => {
    const inbox = receiver.inbox();
    const other = receiver.inbox();
    inbox.outage(503);
    expect(await post(inbox.url, undefined, 'a')).toBe(503);
    expect(inbox.deliveries).toHaveLength(0);
    inbox.recover();
    expect(await post(inbox.url, undefined, 'a')).toBe(200);
    expect(inbox.deliveries).toHaveLength(1);
    expect(other.deliveries).toHaveLength(0);
    await expect(other.waitFor(() => true, 100)).rejects.toThrow(/within 100 ms/);
    expect((await fetch(`${inbox.url}x`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('hands Omni the public URL (OMNI_WEBHOOK_PUBLIC_URL) when one is given, with the inbox path', async () => {
    const tunnelled = new WebhookReceiver('https://tunnel.example.com/omni/');
    await tunnelled.start();
    try {
      const a = tunnelled.inbox();
      const b = tunnelled.inbox();
      expect(a.url).toBe('https://tunnel.example.com/omni/hooks/1');
      expect(b.url).toBe('https://tunnel.example.com/omni/hooks/2');
      // What the tunnel forwards (its path prefix kept) reaches the right inbox.
      const local = (tunnelled as unknown as { base: string }).base;
      expect(await post(`${local}/omni/hooks/2`, undefined, 'x')).toBe(200);
      expect([a.deliveries.length, b.deliveries.length]).toEqual([0, 1]);
    } finally {
      await tunnelled.close();
    }
    expect(() => new WebhookReceiver().inbox()).toThrow(/start the receiver first/);
  });
});
