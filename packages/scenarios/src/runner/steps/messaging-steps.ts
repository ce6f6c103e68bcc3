/**
 * Steps of the messaging channels (B.12, the mock only until TForge publishes them): an agent joins
 * a messaging campaign and changes its state, a customer writes (the control API), an agent sends
 * (a refusal kept for the `refused` expectation when the step may fail), time passes until a
 * message reaches a status, and a conversation is read, assigned and closed.
 *
 * @module
 */

import { ApiError, type Notification } from '@omnikit/sdk';
import { agentOf, apiOf, type RunContext, ref } from '../run-context.js';
import { sleep } from '../sleep.js';
import type { StepHandlers } from './step-handler.js';

/** How far the manual clock moves between looks at a message's status. */
const STATUS_STEP_MS = 1_000;

function controlOf(ctx: RunContext) {
  const control = ctx.system.control;
  if (!control) throw new Error("a customer's message needs the mock's control API");
  return control;
}

export const messagingSteps = {
  async joinMessaging(ctx, st) {
    const api = apiOf(ctx, st.agent);
    await api.messaging.join({ campaign_id: ref(ctx, st.campaign) });
    agentOf(ctx, st.agent).joinedMessaging = true;
    if (st.ready) await api.messaging.state({ state: 'ready' });
    return undefined;
  },
  async messagingState(ctx, st) {
    await apiOf(ctx, st.agent).messaging.state({
      state: st.state,
      ...(st.pause_code ? { pause_code: st.pause_code } : {}),
    });
    return undefined;
  },
  async leaveMessaging(ctx, st) {
    await apiOf(ctx, st.agent).messaging.leave();
    return undefined;
  },
  async inboundMessage(ctx, st) {
    const r = await controlOf(ctx).call('injectInboundMessage', {
      body: {
        channel: st.channel,
        from: st.from,
        ...(st.body !== undefined ? { body: st.body } : {}),
        ...(st.media ? { media: st.media } : {}),
        ...(st.subject ? { subject: st.subject } : {}),
        ...(st.reply_to !== undefined ? await replyHeaders(ctx, st.channel, st.reply_to) : {}),
      },
    });
    // One open conversation per customer per channel: a customer answering one the scenario named
    // must land in it.
    const known = ctx.refs.get(st.as);
    if (known !== undefined && known !== r.conversation_id)
      throw new Error(`the customer's message went into conversation ${r.conversation_id}, not ${st.as} (${known})`);
    ctx.refs.set(st.as, r.conversation_id);
    if (st.message) ctx.refs.set(st.message, r.message_id);
    return undefined;
  },
  async send(ctx, st) {
    const api = apiOf(ctx, st.agent);
    let target: { channel: NonNullable<typeof st.channel>; to: string };
    if (st.conversation !== undefined) {
      const c = await api.conversations.get(ref(ctx, st.conversation));
      target = { channel: c.channel, to: c.customer_address };
    } else target = { channel: st.channel as NonNullable<typeof st.channel>, to: st.to as string };
    try {
      const sent = await api.messaging.send({
        ...target,
        ...(st.campaign !== undefined ? { campaign_id: ref(ctx, st.campaign) } : {}),
        ...(st.body !== undefined ? { body: st.body } : {}),
        ...(st.media ? { media: st.media } : {}),
        ...(st.subject ? { subject: st.subject } : {}),
        ...(st.template ? { template: st.template } : {}),
        ...(st.message_tag ? { message_tag: st.message_tag } : {}),
        ...(st.unique_id ? { unique_id: st.unique_id } : {}),
      });
      ctx.refs.set(st.as, sent.message_id);
      if (st.conversation_as) ctx.refs.set(st.conversation_as, sent.conversation_id);
      ctx.sends.set(st.as, { sent: true, message_id: sent.message_id, agent: st.agent });
    } catch (error) {
      if (!st.may_fail || !(error instanceof ApiError)) throw error;
      ctx.sends.set(st.as, { sent: false, error });
    }
    return undefined;
  },
  async messageStatus(ctx, st) {
    const messageId = ref(ctx, st.message);
    const reached = (n: Notification) =>
      n.type === 'message_status' && n.payload.message_id === messageId && n.payload.message_status === st.status;
    const arrived = () => ctx.inbox.notifications().some(reached);
    const control = ctx.system.control;
    const manual = control !== undefined && ctx.scenario.clock === 'manual';
    let now: number | undefined;
    for (let spent = 0; ; ) {
      // Deliveries are asynchronous: give the ones due so far a moment before moving time on.
      await ctx.inbox.waitFor(reached, 100).catch(() => undefined);
      if (arrived()) return now;
      if (spent >= st.within_ms) break;
      const ms = Math.min(STATUS_STEP_MS, st.within_ms - spent);
      if (manual) now = (await control.call('advanceClock', { body: { ms } })).clock.now_ms;
      else await sleep(ms);
      spent += ms;
    }
    const seen = ctx.inbox
      .notifications()
      .flatMap((n) =>
        n.type === 'message_status' && n.payload.message_id === messageId ? [n.payload.message_status] : [],
      );
    throw new Error(
      `message ${st.message} did not reach ${st.status} within ${st.within_ms} ms${manual ? ' of virtual time' : ''} (statuses notified: ${seen.join(', ') || 'none'})`,
    );
  },
  async markRead(ctx, st) {
    await apiOf(ctx, st.agent).conversations.markRead(ref(ctx, st.conversation));
    return undefined;
  },
  async assign(ctx, st) {
    await apiOf(ctx, st.agent).conversations.assign(ref(ctx, st.conversation), { to_user_id: ref(ctx, st.to) });
    return undefined;
  },
  async closeConversation(ctx, st) {
    await apiOf(ctx, st.agent).conversations.close(ref(ctx, st.conversation), {
      disposition_code: st.code,
      ...(st.notes ? { notes: st.notes } : {}),
    });
    return undefined;
  },
} satisfies Partial<StepHandlers>;

/**
 * The headers a mail client puts on a reply to the message a `send` step named `name`: `In-Reply-To` its
 * `Message-ID`, `References` its references followed by it (RFC 5322 §3.6.4), read back from Omni as the
 * agent who sent it.
 */
async function replyHeaders(
  ctx: RunContext,
  channel: string,
  name: string,
): Promise<{ in_reply_to: string; references: string }> {
  if (channel !== 'email') throw new Error(`reply_to threads an email; this customer writes on ${channel}`);
  const sent = ctx.sends.get(name);
  if (sent === undefined || !sent.sent)
    throw new Error(`reply_to names "${name}", which is not a message a send step of this scenario sent`);
  const parent = await apiOf(ctx, sent.agent).messages.get(sent.message_id);
  if (parent.email_message_id === '') throw new Error(`reply_to names "${name}", which is not an email`);
  return {
    in_reply_to: parent.email_message_id,
    references: parent.references === '' ? parent.email_message_id : `${parent.references} ${parent.email_message_id}`,
  };
}
