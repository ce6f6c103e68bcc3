/**
 * The contract suite's checks of the messaging channels (B.12): OmniKit's own shapes, since TForge
 * has published none. Each `needs: 'messaging'`, so on a real Omni it is `not run: not published by
 * TForge`, never a failure; when TForge publishes its API these rows say where it differs.
 *
 * @module
 */

import type { ContractCheck } from './contract-checks.js';
import { type ContractContext, Differs, expectFields } from './contract-context.js';

const SEND = 'POST /omni/messaging/{user_id}/message';

/** 161 GSM-7 characters: one more than a single SMS holds, so two segments of at most 153. */
const TWO_SEGMENTS = `${'Your parcel is out for delivery today. '.repeat(4)}Reply STOP to opt out.`.slice(0, 161);

/** Joins a messaging campaign of the suite's own (made once), on SMS and WhatsApp. */
async function joinSuiteCampaign(ctx: ContractContext): Promise<number> {
  const { campaigns } = await ctx.directory.messagingCampaigns.list();
  const own = campaigns.find((c) => c.campaign_name === 'Contract suite messaging');
  const campaignId =
    own?.campaign_id ??
    (
      await ctx.directory.messagingCampaigns.create({
        campaign_name: 'Contract suite messaging',
        channels: ['sms', 'whatsapp'],
      })
    ).campaign_id;
  const me = await ctx.agent.messaging.get();
  if (me.campaign_id !== campaignId) await ctx.agent.messaging.join({ campaign_id: campaignId });
  return campaignId;
}

/**
 * The messaging rows, in the order the suite runs them.
 *
 * @example
 * ```ts
 * import { createInprocTarget, MESSAGING_CHECKS, runContractSuite } from '@omnikit/scenarios';
 *
 * const report = await runContractSuite(await createInprocTarget(), { checks: MESSAGING_CHECKS });
 * ```
 */
export const MESSAGING_CHECKS: readonly ContractCheck[] = [
  {
    subject: SEND,
    source: 'B.12.4 (inferred)',
    fact: 'a send answers { success, detail, message_id, conversation_id, message_status "queued", segments }; 161 GSM-7 characters are 2 SMS segments',
    needs: 'messaging',
    async run(ctx) {
      const campaignId = await joinSuiteCampaign(ctx);
      const r = await ctx.raw('POST', `/omni/messaging/${ctx.userId}/message`, {
        body: { channel: 'sms', to: ctx.testNumber(0), body: TWO_SEGMENTS, campaign_id: campaignId },
      });
      if (r.status !== 200) throw new Differs(`a send answered ${r.status}: ${JSON.stringify(r.body).slice(0, 200)}`);
      expectFields('the send’s answer', r.body, {
        success: 'boolean',
        detail: 'string',
        message_id: 'int',
        conversation_id: 'int',
        segments: 'int',
      });
      const b = r.body as Record<string, unknown>;
      if (b.message_status !== 'queued')
        throw new Differs(`message_status ${JSON.stringify(b.message_status)}, not "queued"`);
      if (b.segments !== 2) throw new Differs(`161 GSM-7 characters counted as ${String(b.segments)} segments, not 2`);
    },
  },
  {
    subject: 'GET /omni/messaging/messages/{message_id}',
    source: 'B.12.3 (inferred)',
    fact: 'a message with its direction, status, channel error, segments and encoding, dates ISO-8601',
    needs: 'messaging',
    async run(ctx) {
      const campaignId = await joinSuiteCampaign(ctx);
      const sent = await ctx.agent.messaging.send({
        channel: 'sms',
        to: ctx.testNumber(0),
        body: 'Ünïcode makes this UCS-2',
        campaign_id: campaignId,
      });
      const r = await ctx.raw('GET', `/omni/messaging/messages/${sent.message_id}`);
      if (r.status !== 200) throw new Differs(`GET the message answered ${r.status}`);
      expectFields('the message', r.body, {
        message_id: 'int',
        conversation_id: 'int',
        channel: 'string',
        direction: 'string',
        from: 'string',
        to: 'string',
        body: 'string',
        message_status: 'string',
        channel_error_code: 'string',
        segments: 'int',
        encoding: 'string',
        user_id: 'int',
        created_at: 'date-time',
        updated_at: 'date-time',
      });
      const m = r.body as Record<string, unknown>;
      if (m.direction !== 'outbound' || m.encoding !== 'UCS-2')
        throw new Differs(`direction ${String(m.direction)}, encoding ${String(m.encoding)}: expected outbound, UCS-2`);
    },
  },
  {
    subject: 'notification message_status',
    source: 'B.12.6 (inferred)',
    fact: 'each status an outbound message reaches is notified in order: queued, sent, delivered',
    needs: 'messaging',
    async run(ctx) {
      const campaignId = await joinSuiteCampaign(ctx);
      const sent = await ctx.agent.messaging.send({
        channel: 'sms',
        to: ctx.testNumber(0),
        body: 'Your appointment is confirmed',
        campaign_id: campaignId,
      });
      const statuses = () =>
        ctx.inbox
          .notifications()
          .flatMap((n) =>
            n.type === 'message_status' && n.payload.message_id === sent.message_id ? [n.payload.message_status] : [],
          );
      for (let i = 0; i < 10 && !statuses().includes('delivered'); i++) await ctx.advance(1_000);
      await ctx.inbox
        .waitFor(
          (n) =>
            n.type === 'message_status' &&
            n.payload.message_id === sent.message_id &&
            n.payload.message_status === 'delivered',
          5_000,
        )
        .catch(() => {
          throw new Differs(
            `message ${sent.message_id} was never notified delivered (got ${statuses().join(', ') || 'nothing'})`,
          );
        });
      const seen = statuses();
      if (seen.join(',') !== 'queued,sent,delivered') throw new Differs(`statuses notified ${seen.join(', ')}`);
    },
  },
  {
    subject: SEND,
    source: 'B.12.5 (inferred)',
    fact: 'WhatsApp free text to a customer who has not written in 24 h is refused: 409 WINDOW_CLOSED_TEMPLATE_REQUIRED',
    needs: 'messaging',
    async run(ctx) {
      const campaignId = await joinSuiteCampaign(ctx);
      const r = await ctx.raw('POST', `/omni/messaging/${ctx.userId}/message`, {
        body: {
          channel: 'whatsapp',
          to: ctx.testNumber(1),
          body: 'Are you still interested?',
          campaign_id: campaignId,
        },
      });
      const b = r.body as Record<string, unknown>;
      if (r.status !== 409 || b?.error_code !== 'WINDOW_CLOSED_TEMPLATE_REQUIRED')
        throw new Differs(
          `expected 409 WINDOW_CLOSED_TEMPLATE_REQUIRED, got ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`,
        );
    },
  },
];
