/**
 * Messaging (B.12): conversations on SMS, WhatsApp, email and Messenger, their messages and statuses, messaging
 * campaigns that agents join and are offered conversations in, the WhatsApp template registry. A conversation is
 * `queued` (waiting for an agent) → `assigned` → `closed`; an outbound message's statuses come from the customer
 * model (`planMessageCustomer` → `planOutboundSteps`), one timer per step on the system's clock; a WhatsApp or
 * Messenger conversation's window closes on a timer 24 h after the customer's last message. Every change is a
 * notification through the outbox, a conversation's in order under its own key (`conversationOrderKey`).
 *
 * @module
 */

import { formatDateTime, type Notification } from '@omnikit/contracts';
import type {
  Channel,
  CloseConversationBody,
  ConversationView,
  CreateMessagingCampaignBody,
  CreateTemplateBody,
  InboundMessageBody,
  MessageSent,
  MessageStatus,
  MessageView,
  MessagingAgentView,
  MessagingCampaignView,
  MessagingStateBody,
  ReviewTemplateBody,
  SendMessageBody,
  TemplateStatus,
  TemplateView,
} from '@omnikit/contracts/messaging';
import type { AgentStore } from '../agents/agent-store.js';
import { DomainError } from '../domain-error.js';
import type { NotificationSink } from '../notifications/notification-sink.js';
import type { SequenceStore, UserStore } from '../ports.js';
import type { SystemContext } from '../systems/system-context.js';
import type { TimerRun, TimerService } from '../timers/timer-service.js';
import { BUSINESS_ADDRESSES, EMAIL_DOMAIN } from './business-addresses.js';
import { conversationOrderKey } from './conversation-order-key.js';
import { suppressionAfter } from './email-events.js';
import { createEmailMessageId } from './email-message-id.js';
import { replyReferences, replySubject } from './email-threading.js';
import { findInboundEmailThread } from './inbound-email-thread.js';
import { planMessageCustomer } from './message-customer-model.js';
import { checkMessageMedia } from './message-media.js';
import { normalizeAddress } from './messaging-channel.js';
import type { ConversationRecord, MessageRecord, MessagingStore, TemplateRecord } from './messaging-store.js';
import { campaignView, conversationView, messageView, templateView } from './messaging-views.js';
import { MESSAGING_WINDOW_MS, windowChannel } from './messaging-window.js';
import { messengerSendRefusal } from './messenger-window.js';
import { type OutboundStep, planOutboundSteps } from './outbound-status-plan.js';
import { applySmsKeyword, smsOptOutRefusal } from './sms-opt-out.js';
import { countSmsSegments } from './sms-segments.js';
import {
  renderWhatsappTemplate,
  templateVariableCount,
  type WhatsappTemplate,
  whatsappTemplateDefinitionErrors,
} from './whatsapp-template.js';
import { whatsappWindowRefusal } from './whatsapp-window.js';

export const MESSAGING_TIMER_KINDS = { step: 'message-step', window: 'conversation-window' } as const;

export interface MessagingServiceDeps {
  store: MessagingStore;
  users: UserStore;
  sequences: SequenceStore;
  /** The voice agents: an agent on a call is offered no conversation unless its campaign allows it. */
  voiceAgents: AgentStore;
  timers: TimerService;
  notifications: NotificationSink;
  /** false in strict mode: magic addresses are ordinary ones. */
  magicAddresses: boolean;
}

interface StepPayload {
  messageId: number;
  step: OutboundStep;
}

export interface Page {
  page: number;
  page_size: number;
}

/** A template record as the registry rules read it. */
const asRegistryTemplate = (t: TemplateRecord): WhatsappTemplate => ({
  name: t.templateName,
  language: t.language,
  category: t.category.toLowerCase() as WhatsappTemplate['category'],
  body: t.body,
  status: t.status,
  rejectedReason: t.rejectedReason === '' ? null : t.rejectedReason,
});

export class MessagingService {
  constructor(private readonly deps: MessagingServiceDeps) {
    deps.timers.register(MESSAGING_TIMER_KINDS.step, (run) => this.runStep(run));
    deps.timers.register(MESSAGING_TIMER_KINDS.window, (run) => this.runWindow(run));
  }

  // ---- campaigns and agents ----

  createCampaign(sys: SystemContext, body: CreateMessagingCampaignBody): number {
    const campaignId = this.deps.sequences.next(sys.systemId, 'messaging_campaign');
    this.deps.store.insertCampaign({
      systemId: sys.systemId,
      campaignId,
      campaignName: body.campaign_name,
      description: body.description,
      channels: body.channels,
      maxConcurrent: body.max_concurrent_conversations,
      concurrentWithCalls: body.concurrent_with_calls,
      dispositions: body.dispositions,
      createdAt: sys.clock.now(),
    });
    return campaignId;
  }

  campaign(sys: SystemContext, campaignId: number): MessagingCampaignView {
    const c = this.deps.store.getCampaign(sys.systemId, campaignId);
    if (!c) throw DomainError.notFound('campaign_id', 'Messaging campaign', campaignId);
    return campaignView(
      c,
      this.deps.store.agentsOf(sys.systemId, campaignId).length,
      this.deps.store.queued(sys.systemId, campaignId).length,
    );
  }

  campaigns(sys: SystemContext): MessagingCampaignView[] {
    return this.deps.store
      .listCampaigns(sys.systemId)
      .map((c) =>
        campaignView(
          c,
          this.deps.store.agentsOf(sys.systemId, c.campaignId).length,
          this.deps.store.queued(sys.systemId, c.campaignId).length,
        ),
      );
  }

  join(sys: SystemContext, userId: number, campaignId: number): void {
    const { store } = this.deps;
    if (!store.getCampaign(sys.systemId, campaignId))
      throw DomainError.notFound('campaign_id', 'Messaging campaign', campaignId);
    const current = store.getAgent(sys.systemId, userId);
    if (current && current.campaignId !== campaignId)
      throw DomainError.invalidState(
        `agent ${userId} is in messaging campaign ${current.campaignId}: leave it before joining ${campaignId}`,
      );
    if (current) return;
    store.saveAgent({ systemId: sys.systemId, userId, campaignId, state: 'paused', pauseCode: '', lastOfferAt: 0 });
  }

  leave(sys: SystemContext, userId: number): void {
    const { store } = this.deps;
    const agent = store.getAgent(sys.systemId, userId);
    if (!agent) return;
    const now = sys.clock.now();
    for (const c of store.ownedBy(sys.systemId, userId)) {
      store.saveConversation({ ...c, userId: 0, state: 'queued' });
      this.emitAssigned(sys, { ...c, userId: 0 }, userId, 'requeue', now);
    }
    store.deleteAgent(sys.systemId, userId);
    this.offer(sys, agent.campaignId, now);
  }

  setState(sys: SystemContext, userId: number, body: MessagingStateBody): void {
    const { store } = this.deps;
    const agent = store.getAgent(sys.systemId, userId);
    if (!agent) throw new DomainError('AGENT_NOT_LOGGED_IN', `agent ${userId} has not joined a messaging campaign`);
    if (body.state === 'ready' && body.pause_code !== undefined)
      throw DomainError.validation('pause_code', 'is given with paused only');
    store.saveAgent({ ...agent, state: body.state, pauseCode: body.state === 'paused' ? (body.pause_code ?? '') : '' });
    if (body.state === 'ready') this.offer(sys, agent.campaignId, sys.clock.now());
  }

  agent(sys: SystemContext, userId: number): MessagingAgentView {
    const agent = this.deps.store.getAgent(sys.systemId, userId);
    const owned = this.deps.store.ownedBy(sys.systemId, userId);
    return {
      user_id: userId,
      campaign_id: agent?.campaignId ?? 0,
      messaging_state: agent?.state ?? 'logged_out',
      pause_code: agent?.pauseCode ?? '',
      open_conversations: owned.length,
      conversation_ids: owned.map((c) => c.conversationId),
    };
  }

  /** A voice agent's state changed: one who left a call may be offered a conversation again. */
  voiceStateChanged(sys: SystemContext, userId: number, at: number): void {
    const agent = this.deps.store.getAgent(sys.systemId, userId);
    if (agent?.state === 'ready') this.offer(sys, agent.campaignId, at);
  }

  // ---- conversations ----

  conversation(sys: SystemContext, conversationId: number): ConversationView {
    return this.viewOf(sys, this.mustConversation(sys, conversationId));
  }

  conversations(
    sys: SystemContext,
    query: Page & {
      channel?: Channel | undefined;
      conversation_state?: ConversationView['conversation_state'] | undefined;
      user_id?: number | undefined;
      campaign_id?: number | undefined;
    },
  ): { page: number; page_size: number; total: number; conversations: ConversationView[] } {
    const filter = {
      channel: query.channel,
      state: query.conversation_state,
      userId: query.user_id,
      campaignId: query.campaign_id,
    };
    const { store } = this.deps;
    const rows = store.listConversations(sys.systemId, filter, (query.page - 1) * query.page_size, query.page_size);
    return {
      page: query.page,
      page_size: query.page_size,
      total: store.countConversations(sys.systemId, filter),
      conversations: rows.map((c) => this.viewOf(sys, c)),
    };
  }

  messages(
    sys: SystemContext,
    conversationId: number,
    query: Page,
  ): { conversation_id: number; page: number; page_size: number; total: number; messages: MessageView[] } {
    this.mustConversation(sys, conversationId);
    const { store } = this.deps;
    return {
      conversation_id: conversationId,
      page: query.page,
      page_size: query.page_size,
      total: store.countMessages(sys.systemId, conversationId),
      messages: store
        .listMessages(sys.systemId, conversationId, (query.page - 1) * query.page_size, query.page_size)
        .map(messageView),
    };
  }

  message(sys: SystemContext, messageId: number): MessageView {
    const m = this.deps.store.getMessage(sys.systemId, messageId);
    if (!m) throw DomainError.notFound('message_id', 'Message', messageId);
    return messageView(m);
  }

  assign(sys: SystemContext, userId: number, conversationId: number, toUserId: number): string {
    const { store, users } = this.deps;
    const c = this.mustConversation(sys, conversationId);
    if (c.state === 'closed') throw DomainError.invalidState(`conversation ${conversationId} is closed`);
    if (c.state === 'assigned' && c.userId !== userId)
      throw DomainError.invalidState(
        `conversation ${conversationId} is assigned to agent ${c.userId}: only its owner transfers it`,
      );
    if (!users.get(sys.systemId, toUserId)) throw DomainError.notFound('to_user_id', 'User', toUserId);
    // Inferred: B.12.4 lets an agent take a queued conversation (`to_user_id` = self) or transfer one it owns, and
    // nothing more. Handing a queued one to someone else acts for that agent: refused like a token on another
    // user's path (B.2's 403 FORBIDDEN_USER).
    if (c.state === 'queued' && toUserId !== userId)
      throw new DomainError(
        'FORBIDDEN_USER',
        `conversation ${conversationId} is queued: agent ${userId} may take it for itself, not assign it to agent ${toUserId}`,
      );
    const target = store.getAgent(sys.systemId, toUserId);
    if (!target || (c.campaignId !== 0 && target.campaignId !== c.campaignId))
      throw new DomainError(
        'AGENT_NOT_LOGGED_IN',
        `agent ${toUserId} has not joined messaging campaign ${c.campaignId || '(any)'}`,
      );
    if (c.state === 'assigned' && c.userId === toUserId)
      return `conversation ${conversationId} is already agent ${toUserId}'s`;
    const now = sys.clock.now();
    const reason = c.state === 'queued' ? 'assign' : 'transfer';
    const next: ConversationRecord = {
      ...c,
      userId: toUserId,
      state: 'assigned',
      campaignId: c.campaignId || target.campaignId,
      firstAssignedAt: c.firstAssignedAt ?? now,
    };
    store.saveConversation(next);
    this.emitAssigned(sys, next, c.userId, reason, now);
    // A transfer frees one of the previous owner's slots: its campaign's queue may be offered to it now.
    if (reason === 'transfer') {
      const previous = store.getAgent(sys.systemId, c.userId);
      if (previous) this.offer(sys, previous.campaignId, now);
    }
    return `conversation ${conversationId} ${reason === 'assign' ? 'assigned' : 'transferred'} to agent ${toUserId}`;
  }

  markRead(sys: SystemContext, userId: number, conversationId: number): number {
    const { store } = this.deps;
    const c = this.mustOwned(sys, userId, conversationId);
    const now = sys.clock.now();
    const unread = store.unreadInbound(sys.systemId, conversationId);
    // Inferred: the read receipt is the reader's act, so it names the agent who read the messages, not whoever
    // owned the conversation when they arrived (no one, while it was queued).
    for (const m of unread) this.moveStatus(sys, m, 'read', '', '', now, userId);
    store.saveConversation({ ...c, unreadCount: 0 });
    return unread.length;
  }

  close(sys: SystemContext, userId: number, conversationId: number, body: CloseConversationBody): void {
    const { store, timers } = this.deps;
    const c = this.mustOwned(sys, userId, conversationId);
    const campaign = store.getCampaign(sys.systemId, c.campaignId);
    if (campaign && !campaign.dispositions.includes(body.disposition_code))
      throw DomainError.validation(
        'disposition_code',
        `must be one of the campaign's dispositions: ${campaign.dispositions.join(', ')}`,
      );
    const now = sys.clock.now();
    const closed: ConversationRecord = {
      ...c,
      state: 'closed',
      closedAt: now,
      dispositionCode: body.disposition_code,
      notes: body.notes ?? '',
    };
    store.saveConversation(closed);
    timers.cancel(sys.systemId, MESSAGING_TIMER_KINDS.window, String(conversationId));
    this.emit(sys, closed.conversationId, {
      type: 'conversation_end',
      payload: {
        conversation_id: closed.conversationId,
        channel: closed.channel,
        customer_address: closed.customerAddress,
        business_address: closed.businessAddress,
        campaign_id: closed.campaignId,
        user_id: closed.userId,
        disposition_code: closed.dispositionCode,
        notes: closed.notes,
        start_date_time: formatDateTime(closed.createdAt),
        end_date_time: formatDateTime(now),
        messages_in: closed.messagesIn,
        messages_out: closed.messagesOut,
        first_response_time: this.firstResponseTime(sys, closed),
        handle_time: closed.firstAssignedAt === null ? 0 : now - closed.firstAssignedAt,
      },
    });
    this.offer(sys, c.campaignId, now);
  }

  // ---- messages ----

  send(sys: SystemContext, userId: number, body: SendMessageBody): MessageSent {
    const { store } = this.deps;
    const channel = body.channel;
    // The channel's media limits are the body's own (a 400 before any state is looked at): nothing is stored, no
    // conversation opened or taken, when they refuse.
    checkMessageMedia(channel, body.media ?? []);
    const now = sys.clock.now();
    const agent = store.getAgent(sys.systemId, userId);
    if (!agent) throw new DomainError('AGENT_NOT_LOGGED_IN', `agent ${userId} has not joined a messaging campaign`);
    const address = normalizeAddress(channel, body.to);
    // B.2: an unknown id in the body is a 404, whether or not it ends up used.
    if (body.campaign_id !== undefined && !store.getCampaign(sys.systemId, body.campaign_id))
      throw DomainError.notFound('campaign_id', 'Messaging campaign', body.campaign_id);
    let conv = store.openConversation(sys.systemId, channel, address);
    if (conv?.state === 'assigned' && conv.userId !== userId)
      throw DomainError.invalidState(
        `the open ${channel} conversation ${conv.conversationId} with ${address} is assigned to agent ${conv.userId}`,
      );
    if (!conv) {
      const campaignId = body.campaign_id ?? agent.campaignId;
      const campaign = store.getCampaign(sys.systemId, campaignId);
      if (!campaign) throw DomainError.notFound('campaign_id', 'Messaging campaign', campaignId);
      if (!campaign.channels.includes(channel))
        throw DomainError.invalidState(`messaging campaign ${campaignId} does not carry ${channel}`);
    }
    // The channel's rules, in the order its provider checks them.
    const optedOut = store.isOptedOut(sys.systemId, channel, address);
    let text = body.body ?? '';
    if (channel === 'sms') {
      const refusal = smsOptOutRefusal(optedOut, address);
      if (refusal)
        throw new DomainError('RECIPIENT_OPTED_OUT', `${refusal.detail} (Twilio ${refusal.error.code})`, [
          { field: 'to', message: 'has opted out of this sender' },
        ]);
    }
    if (channel === 'email' && optedOut)
      throw new DomainError('RECIPIENT_OPTED_OUT', `${address} is on the suppression list (a bounce or a spam report)`);
    // The 24-hour windows are the customer's: a message in a conversation since closed still opens them.
    const lastInboundAt = windowChannel(channel) ? store.customerLastInboundAt(sys.systemId, channel, address) : null;
    if (channel === 'whatsapp') {
      if (body.template) text = this.renderTemplate(sys, body.template);
      else {
        const refusal = whatsappWindowRefusal({ kind: 'text', lastInboundAt, now });
        if (refusal)
          throw new DomainError(
            'WINDOW_CLOSED_TEMPLATE_REQUIRED',
            `${refusal.detail} (WhatsApp ${refusal.error.code} outside the 24-hour window)`,
          );
      }
    }
    if (channel === 'facebook') {
      const refusal = messengerSendRefusal({ lastInboundAt, now, tag: body.message_tag });
      // A person who never wrote to the Page cannot be messaged with any tag: INVALID_STATE, not MESSAGE_TAG_REQUIRED.
      if (refusal) throw new DomainError(refusal.code, `${refusal.detail} (Messenger code ${refusal.error.code})`);
    }
    let subject = '';
    let inReplyTo = '';
    let references = '';
    if (channel === 'email') {
      if (body.subject !== undefined) subject = body.subject;
      else if (conv && conv.subject !== '') subject = replySubject(conv.subject);
      else throw DomainError.validation('subject', 'is required on the first email of a conversation');
      const parent =
        body.in_reply_to !== undefined
          ? store.messageByEmailId(sys.systemId, body.in_reply_to)
          : conv
            ? store.lastInbound(sys.systemId, conv.conversationId)
            : undefined;
      inReplyTo = body.in_reply_to ?? parent?.emailMessageId ?? '';
      references = parent ? replyReferences(parent) : inReplyTo;
    }
    const sms = channel === 'sms' && text !== '' ? countSmsSegments(text) : undefined;

    // Everything checked: write.
    if (!conv) {
      conv = this.openConversation(sys, channel, address, body.campaign_id ?? agent.campaignId, subject, now);
    }
    if (conv.state === 'queued') {
      conv = { ...conv, userId, state: 'assigned', firstAssignedAt: conv.firstAssignedAt ?? now };
      this.emitAssigned(sys, conv, 0, 'assign', now);
    }
    const messageId = this.deps.sequences.next(sys.systemId, 'message');
    const message: MessageRecord = {
      systemId: sys.systemId,
      messageId,
      conversationId: conv.conversationId,
      channel,
      direction: 'outbound',
      from: conv.businessAddress,
      to: address,
      body: text,
      media: body.media ?? [],
      status: 'queued',
      errorCode: '',
      errorDetail: '',
      segments: sms ? Math.max(1, sms.segments) : 1,
      encoding: sms ? sms.encoding : '',
      subject,
      emailMessageId:
        channel === 'email' ? createEmailMessageId(sys.rng.fork(`email-id/${messageId}`), EMAIL_DOMAIN) : '',
      inReplyTo,
      references,
      template: body.template
        ? {
            template_name: body.template.template_name,
            language: body.template.language,
            variables: body.template.variables,
          }
        : null,
      messageTag: body.message_tag ?? '',
      userId,
      uniqueId: body.unique_id ?? '',
      createdAt: now,
      updatedAt: now,
    };
    store.insertMessage(message);
    conv = {
      ...conv,
      subject: conv.subject === '' ? subject : conv.subject,
      lastMessageAt: now,
      messagesOut: conv.messagesOut + 1,
      firstResponseAt: conv.firstResponseAt ?? (conv.lastInboundAt !== null ? now : null),
    };
    store.saveConversation(conv);
    this.emitStatus(sys, message, 'queued', '', '', '', now);
    this.scheduleSteps(sys, message, now);
    return {
      success: true,
      detail: `message ${messageId} queued on ${channel}`,
      message_id: messageId,
      conversation_id: conv.conversationId,
      message_status: 'queued',
      segments: message.segments,
    };
  }

  /** A customer's message arrives (the control API, or a reply the customer model planned). */
  inbound(
    sys: SystemContext,
    body: InboundMessageBody,
    now = sys.clock.now(),
  ): { messageId: number; conversationId: number } {
    const { store } = this.deps;
    const channel = body.channel;
    const address = normalizeAddress(channel, body.from);
    // An email goes on its thread when it names one of the system's messages; else, like every channel, on the
    // sender's open conversation or a new one.
    const thread =
      channel === 'email'
        ? findInboundEmailThread(
            { inReplyTo: body.in_reply_to, references: body.references },
            {
              messageByEmailId: (id) => store.messageByEmailId(sys.systemId, id),
              conversation: (id) => store.getConversation(sys.systemId, id),
            },
          )
        : ({ kind: 'none' } as const);
    let conv = thread.kind === 'open' ? thread.conversation : store.openConversation(sys.systemId, channel, address);
    const threadSubject = thread.kind === 'none' || thread.subject === '' ? null : replySubject(thread.subject);
    const text = body.body ?? '';
    // Inferred: a customer's media is not held to the channel's send limits (message-media.ts). The provider has
    // already taken it from the customer's phone or mail server, and Omni records what it was given; only the
    // contract's own bound (10 files, 100 MB each: the largest file any channel takes) applies.
    if (!conv) {
      const campaign = store.listCampaigns(sys.systemId).find((c) => c.channels.includes(channel));
      const subject = body.subject ?? threadSubject ?? '';
      conv = this.openConversation(sys, channel, address, campaign?.campaignId ?? 0, subject, now);
    }
    if (channel === 'sms') {
      const outcome = applySmsKeyword(store.isOptedOut(sys.systemId, channel, address), text);
      if (outcome?.action === 'opt_out') store.optOut(sys.systemId, channel, address, 'keyword', now);
      if (outcome?.action === 'opt_in') store.optIn(sys.systemId, channel, address);
    }
    const windowWasOpen =
      windowChannel(channel) && conv.lastInboundAt !== null && now < conv.lastInboundAt + MESSAGING_WINDOW_MS;
    const messageId = this.deps.sequences.next(sys.systemId, 'message');
    const message: MessageRecord = {
      systemId: sys.systemId,
      messageId,
      conversationId: conv.conversationId,
      channel,
      direction: 'inbound',
      from: address,
      to: body.to ?? conv.businessAddress,
      body: text,
      media: body.media ?? [],
      status: 'received',
      errorCode: '',
      errorDetail: '',
      segments: channel === 'sms' && text !== '' ? Math.max(1, countSmsSegments(text).segments) : 1,
      encoding: channel === 'sms' && text !== '' ? countSmsSegments(text).encoding : '',
      subject:
        channel === 'email'
          ? (body.subject ?? threadSubject ?? (conv.subject === '' ? '' : replySubject(conv.subject)))
          : '',
      emailMessageId:
        channel === 'email' ? createEmailMessageId(sys.rng.fork(`email-id/${messageId}`), 'customer.example') : '',
      inReplyTo: body.in_reply_to ?? '',
      references: body.references?.trim().split(/\s+/).join(' ') ?? '',
      template: null,
      messageTag: '',
      userId: conv.userId,
      uniqueId: '',
      createdAt: now,
      updatedAt: now,
    };
    store.insertMessage(message);
    conv = {
      ...conv,
      subject: conv.subject === '' && channel === 'email' ? message.subject : conv.subject,
      unreadCount: conv.unreadCount + 1,
      messagesIn: conv.messagesIn + 1,
      lastInboundAt: now,
      lastMessageAt: now,
    };
    store.saveConversation(conv);
    this.emit(sys, conv.conversationId, {
      type: 'message_received',
      payload: {
        message_id: messageId,
        conversation_id: conv.conversationId,
        channel,
        from: message.from,
        to: message.to,
        body: text,
        media: message.media,
        subject: message.subject,
        email_message_id: message.emailMessageId,
        in_reply_to: message.inReplyTo,
        references: message.references,
        campaign_id: conv.campaignId,
        user_id: conv.userId,
        timestamp: formatDateTime(now),
      },
    });
    if (windowChannel(channel)) {
      const expiresAt = now + MESSAGING_WINDOW_MS;
      this.armWindow(sys.systemId, conv.conversationId, expiresAt);
      if (!windowWasOpen) this.emitWindow(sys, conv, 'open', expiresAt, now);
    }
    if (conv.state === 'queued') this.offer(sys, conv.campaignId, now);
    return { messageId, conversationId: conv.conversationId };
  }

  /**
   * Sets (or moves) the timer that closes a WhatsApp or Messenger conversation's 24-hour window at `expiresAt`: a
   * customer's message does, and so does the demo data's, which a seed writes without going through `inbound`.
   */
  armWindow(systemId: number, conversationId: number, expiresAt: number): void {
    const { timers } = this.deps;
    timers.cancel(systemId, MESSAGING_TIMER_KINDS.window, String(conversationId));
    timers.schedule(systemId, expiresAt, MESSAGING_TIMER_KINDS.window, { conversationId }, String(conversationId));
  }

  // ---- templates ----

  createTemplate(sys: SystemContext, body: CreateTemplateBody): number {
    const { store } = this.deps;
    const errors = whatsappTemplateDefinitionErrors({
      name: body.template_name,
      language: body.language,
      category: body.category.toLowerCase() as WhatsappTemplate['category'],
      body: body.body,
    });
    if (errors.length > 0)
      throw new DomainError(
        'VALIDATION_FAILED',
        `template ${body.template_name} is not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
        errors,
      );
    if (store.findTemplate(sys.systemId, body.template_name, body.language))
      throw DomainError.invalidState(`a template ${body.template_name} in ${body.language} already exists`);
    const now = sys.clock.now();
    const templateId = this.deps.sequences.next(sys.systemId, 'message_template');
    store.insertTemplate({
      systemId: sys.systemId,
      templateId,
      templateName: body.template_name,
      language: body.language,
      category: body.category,
      body: body.body,
      variableCount: templateVariableCount(body.body),
      status: 'pending',
      rejectedReason: '',
      createdAt: now,
      updatedAt: now,
    });
    return templateId;
  }

  templates(sys: SystemContext, status?: TemplateStatus): TemplateView[] {
    return this.deps.store.listTemplates(sys.systemId, status).map(templateView);
  }

  template(sys: SystemContext, templateId: number): TemplateView {
    return templateView(this.mustTemplate(sys, templateId));
  }

  review(sys: SystemContext, templateId: number, body: ReviewTemplateBody): TemplateStatus {
    const t = this.mustTemplate(sys, templateId);
    if (t.status !== 'pending')
      throw DomainError.invalidState(`template ${t.templateName} (${t.language}) is already ${t.status}`);
    this.deps.store.saveTemplate({
      ...t,
      status: body.template_status,
      rejectedReason: body.template_status === 'rejected' ? (body.rejected_reason ?? 'REJECTED') : '',
      updatedAt: sys.clock.now(),
    });
    return body.template_status;
  }

  // ---- internals ----

  private renderTemplate(sys: SystemContext, ref: NonNullable<SendMessageBody['template']>): string {
    const t = this.deps.store.findTemplate(sys.systemId, ref.template_name, ref.language);
    if (!t)
      throw new DomainError('NOT_FOUND', `no template ${ref.template_name} in ${ref.language} (WhatsApp 132001)`, [
        { field: 'template.template_name', message: `no template ${ref.template_name} in ${ref.language}` },
      ]);
    if (t.status !== 'approved')
      throw new DomainError(
        'TEMPLATE_NOT_APPROVED',
        `template ${t.templateName} (${t.language}) is ${t.status}, not approved`,
      );
    const render = renderWhatsappTemplate([asRegistryTemplate(t)], {
      name: ref.template_name,
      language: ref.language,
      parameters: ref.variables,
    });
    if (render.ok) return render.text;
    const code = render.refusal.error.code;
    if (code === '132000')
      throw new DomainError('TEMPLATE_VARIABLES_MISMATCH', `${render.refusal.detail} (WhatsApp 132000)`, [
        { field: 'template.variables', message: render.refusal.detail },
      ]);
    throw DomainError.validation('template.variables', render.refusal.detail);
  }

  private openConversation(
    sys: SystemContext,
    channel: Channel,
    address: string,
    campaignId: number,
    subject: string,
    now: number,
  ): ConversationRecord {
    const conv: ConversationRecord = {
      systemId: sys.systemId,
      conversationId: this.deps.sequences.next(sys.systemId, 'conversation'),
      channel,
      customerAddress: address,
      businessAddress: BUSINESS_ADDRESSES[channel],
      campaignId,
      userId: 0,
      state: 'queued',
      subject: channel === 'email' ? subject : '',
      unreadCount: 0,
      lastInboundAt: null,
      lastMessageAt: now,
      createdAt: now,
      closedAt: null,
      dispositionCode: '',
      notes: '',
      firstAssignedAt: null,
      firstResponseAt: null,
      messagesIn: 0,
      messagesOut: 0,
    };
    this.deps.store.insertConversation(conv);
    return conv;
  }

  private scheduleSteps(sys: SystemContext, message: MessageRecord, now: number): void {
    const plan = planMessageCustomer({
      rng: sys.rng,
      messageId: message.messageId,
      channel: message.channel,
      to: message.to,
      magicAddresses: this.deps.magicAddresses,
    });
    const steps = planOutboundSteps({ channel: message.channel, plan });
    for (const step of steps) {
      if (step.kind === 'status' && step.status === 'queued') continue;
      const payload: StepPayload = { messageId: message.messageId, step };
      this.deps.timers.schedule(
        sys.systemId,
        now + step.atMs,
        MESSAGING_TIMER_KINDS.step,
        payload,
        `m${message.messageId}`,
      );
    }
  }

  private runStep(run: TimerRun): void {
    const { messageId, step } = run.timer.payload as StepPayload;
    const sys = run.system;
    const m = this.deps.store.getMessage(sys.systemId, messageId);
    if (!m) return;
    if (step.kind === 'reply') {
      // A mail client's reply names the message it answers, so the model's reply threads like a real one.
      const thread =
        m.channel === 'email' && m.emailMessageId !== ''
          ? { in_reply_to: m.emailMessageId, references: replyReferences(m) }
          : {};
      this.inbound(sys, { channel: m.channel, from: m.to, body: step.body, ...thread }, run.now);
      return;
    }
    const subcode = step.error?.subcode ? ` (subcode ${step.error.subcode})` : '';
    this.moveStatus(
      sys,
      m,
      step.status,
      step.error?.code ?? '',
      step.error ? `${step.error.detail}${subcode}` : '',
      run.now,
    );
    if (m.channel === 'email' && step.sendgridEvent !== null) {
      const suppression = suppressionAfter(step.sendgridEvent, step.error ?? undefined);
      if (suppression !== null) this.deps.store.optOut(sys.systemId, m.channel, m.to, suppression, run.now);
    }
    if (step.error?.code === '21610') this.deps.store.optOut(sys.systemId, m.channel, m.to, 'carrier', run.now);
  }

  private runWindow(run: TimerRun): void {
    const { conversationId } = run.timer.payload as { conversationId: number };
    const c = this.deps.store.getConversation(run.system.systemId, conversationId);
    if (!c || c.state === 'closed' || c.lastInboundAt === null) return;
    const expiresAt = c.lastInboundAt + MESSAGING_WINDOW_MS;
    if (run.now < expiresAt) return;
    this.emitWindow(run.system, c, 'closed', expiresAt, run.now);
  }

  /** `userId`: the agent the notification names (by default the message's own: its sender, or its owner inbound). */
  private moveStatus(
    sys: SystemContext,
    m: MessageRecord,
    status: MessageStatus,
    code: string,
    detail: string,
    now: number,
    userId = m.userId,
  ): void {
    this.deps.store.setMessageStatus(sys.systemId, m.messageId, status, code, detail, now);
    // A message and its conversation are only ever removed together (a system's wipe), so the message's
    // conversation id is all the notification's ordering needs: no read of the conversation per step.
    this.emitStatus(sys, m, status, m.status, code, detail, now, userId);
  }

  /** Offers a campaign's queued conversations to its ready agents, oldest conversation first. */
  private offer(sys: SystemContext, campaignId: number, now: number): void {
    if (campaignId === 0) return;
    const { store, voiceAgents } = this.deps;
    const campaign = store.getCampaign(sys.systemId, campaignId);
    if (!campaign) return;
    const queue = store.queued(sys.systemId, campaignId);
    if (queue.length === 0) return;
    const agents = store
      .agentsOf(sys.systemId, campaignId)
      .filter((a) => a.state === 'ready')
      .filter((a) => {
        if (campaign.concurrentWithCalls) return true;
        const voice = voiceAgents.get(sys.systemId, a.userId)?.state;
        return voice !== 'on_call' && voice !== 'wrap_up';
      })
      .map((a) => ({ agent: a, owned: store.ownedBy(sys.systemId, a.userId).length }));
    for (const conv of queue) {
      const free = agents
        .filter((x) => x.owned < campaign.maxConcurrent)
        .sort(
          (x, y) => x.owned - y.owned || x.agent.lastOfferAt - y.agent.lastOfferAt || x.agent.userId - y.agent.userId,
        );
      const pick = free[0];
      if (!pick) return;
      const assigned: ConversationRecord = {
        ...conv,
        userId: pick.agent.userId,
        state: 'assigned',
        firstAssignedAt: conv.firstAssignedAt ?? now,
      };
      store.saveConversation(assigned);
      pick.owned++;
      pick.agent = { ...pick.agent, lastOfferAt: now };
      store.saveAgent(pick.agent);
      this.emitAssigned(sys, assigned, 0, 'offer', now);
    }
  }

  /** The customer's first message to the agent's first reply after it (0 without both), in ms. */
  private firstResponseTime(sys: SystemContext, c: ConversationRecord): number {
    if (c.firstResponseAt === null) return 0;
    // The first inbound, not the first message: a conversation the agent opened starts with its own message.
    const first = this.deps.store.firstInbound(sys.systemId, c.conversationId);
    return first === undefined ? 0 : Math.max(0, c.firstResponseAt - first.createdAt);
  }

  private viewOf(sys: SystemContext, c: ConversationRecord): ConversationView {
    return conversationView(c, this.deps.store.isOptedOut(sys.systemId, c.channel, c.customerAddress));
  }

  private mustConversation(sys: SystemContext, conversationId: number): ConversationRecord {
    const c = this.deps.store.getConversation(sys.systemId, conversationId);
    if (!c) throw DomainError.notFound('conversation_id', 'Conversation', conversationId);
    return c;
  }

  private mustOwned(sys: SystemContext, userId: number, conversationId: number): ConversationRecord {
    const c = this.mustConversation(sys, conversationId);
    if (c.state === 'closed') throw DomainError.invalidState(`conversation ${conversationId} is closed`);
    if (c.state === 'queued')
      throw DomainError.invalidState(`conversation ${conversationId} is queued: take it (assign) first`);
    if (c.userId !== userId)
      throw DomainError.invalidState(`conversation ${conversationId} is assigned to agent ${c.userId}`);
    return c;
  }

  private mustTemplate(sys: SystemContext, templateId: number): TemplateRecord {
    const t = this.deps.store.getTemplate(sys.systemId, templateId);
    if (!t) throw DomainError.notFound('template_id', 'Template', templateId);
    return t;
  }

  private emit(sys: SystemContext, conversationId: number, n: Notification): void {
    this.deps.notifications.emit(sys.systemId, conversationOrderKey(conversationId), n, sys.clock.now());
  }

  private emitStatus(
    sys: SystemContext,
    m: MessageRecord,
    status: MessageStatus,
    previous: MessageStatus | '',
    code: string,
    detail: string,
    now: number,
    userId = m.userId,
  ): void {
    this.emit(sys, m.conversationId, {
      type: 'message_status',
      payload: {
        message_id: m.messageId,
        conversation_id: m.conversationId,
        channel: m.channel,
        direction: m.direction,
        user_id: userId,
        message_status: status,
        previous_status: previous,
        channel_error_code: code,
        channel_error_detail: detail,
        timestamp: formatDateTime(now),
      },
    });
  }

  private emitAssigned(
    sys: SystemContext,
    c: ConversationRecord,
    previousUserId: number,
    reason: 'offer' | 'assign' | 'transfer' | 'requeue',
    now: number,
  ): void {
    this.emit(sys, c.conversationId, {
      type: 'conversation_assigned',
      payload: {
        conversation_id: c.conversationId,
        channel: c.channel,
        customer_address: c.customerAddress,
        campaign_id: c.campaignId,
        user_id: c.userId,
        previous_user_id: previousUserId,
        reason,
        timestamp: formatDateTime(now),
      },
    });
  }

  private emitWindow(
    sys: SystemContext,
    c: ConversationRecord,
    state: 'open' | 'closed',
    expiresAt: number,
    now: number,
  ): void {
    this.emit(sys, c.conversationId, {
      type: 'conversation_window',
      payload: {
        conversation_id: c.conversationId,
        channel: c.channel,
        customer_address: c.customerAddress,
        user_id: c.userId,
        window_state: state,
        window_expires_at: formatDateTime(expiresAt),
        timestamp: formatDateTime(now),
      },
    });
  }
}
