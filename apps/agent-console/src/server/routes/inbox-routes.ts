import { MESSAGE_TAGS, type MessageView, type SendMessageInput } from '@omnikit/contracts/messaging';
import type { Context } from 'hono';
import {
  closeConversationBody,
  type InboxView,
  messagingJoinBody,
  messagingStateBody,
  replyBody,
  type TemplateList,
  type ThreadView,
} from '../../shared/inbox-schemas.js';
import type { ConsoleDeps } from '../console-deps.js';
import type { ConsoleEnv } from '../console-env.js';
import { ConsoleHttpError } from '../console-http-error.js';
import { toInboxConversation } from '../inbox/inbox-conversation.js';
import { LastMessages } from '../inbox/last-messages.js';
import type { MessagingApi } from '../inbox/messaging-api.js';
import { messagingApiFor } from '../inbox/messaging-api-for.js';
import type { ConsoleHandlers } from '../mount-console-routes.js';
import { pathId, readBody } from '../read-input.js';

/** Why the inbox is empty against a real Omni: said, not failed. */
export const NOT_PUBLISHED_REASON =
  'Messaging (SMS, WhatsApp, email and Messenger) is not published by TForge: Omni lists it as upcoming and has no API for it yet. The inbox works against the OmniKit mock.';

/** The conversations the list shows: the newest this many of the agent's. */
const LIST_SIZE = 50;
/** The messages a thread shows: the newest this many. */
const THREAD_SIZE = 500;

/** Messenger's message tags in words, for the agent choosing one outside the window. */
const TAG_WORDS: Record<(typeof MESSAGE_TAGS)[number], string> = {
  HUMAN_AGENT: 'a person answering the customer’s question, up to 7 days after they wrote',
  CONFIRMED_EVENT_UPDATE: 'a reminder or update about an event the customer registered for',
  POST_PURCHASE_UPDATE: 'an update about the customer’s purchase',
  ACCOUNT_UPDATE: 'a change to the customer’s account or application',
};

/**
 * The inbox's handlers, by route id: the agent's conversations with their last message and unread
 * count, a thread, a reply (free text, a Messenger-tagged text or a WhatsApp template), marking read,
 * closing with a disposition, the approved templates, and the agent's messaging campaign and state.
 * Each is the sdk's messaging calls with the session's token. Against a real Omni, which has no
 * messaging API, the list says so and every other route answers 404 `NOT_PUBLISHED` before any call.
 */
export function inboxRoutes(deps: ConsoleDeps) {
  const lastMessages = new LastMessages();
  const apiFor = (c: Context<ConsoleEnv>): MessagingApi => messagingApiFor(c.get('session').agent);

  const published = (c: Context<ConsoleEnv>): MessagingApi => {
    if (deps.target === 'omni') throw new ConsoleHttpError('NOT_PUBLISHED', NOT_PUBLISHED_REASON);
    return apiFor(c);
  };

  /**
   * Omni's clock now: the mock's system clock (manual or scaled in tests and demos), else the wall
   * clock — a real Omni's, and a strict mock's, which has no control API and a clock that runs.
   */
  const systemNow = async (): Promise<string> => {
    const control = deps.control;
    if (control && !control.absent) {
      try {
        return (await control.clock()).now;
      } catch (error) {
        if (!control.absent) throw error;
      }
    }
    return new Date(deps.now()).toISOString();
  };

  const threadMessages = async (api: MessagingApi, conversationId: number): Promise<MessageView[]> => {
    const first = await api.messages(conversationId, { page: 1, page_size: THREAD_SIZE });
    if (first.total <= THREAD_SIZE) return first.messages;
    const lastPage = Math.ceil(first.total / THREAD_SIZE);
    const [before, last] = await Promise.all([
      api.messages(conversationId, { page: lastPage - 1, page_size: THREAD_SIZE }),
      api.messages(conversationId, { page: lastPage, page_size: THREAD_SIZE }),
    ]);
    return [...before.messages, ...last.messages].slice(-THREAD_SIZE);
  };

  return {
    inbox: async (c) => {
      if (deps.target === 'omni') return c.json({ available: false, reason: NOT_PUBLISHED_REASON } satisfies InboxView);
      const api = apiFor(c);
      const [agent, { campaigns }, page, now] = await Promise.all([
        api.agent(),
        api.campaigns(),
        api.conversations({ page: 1, page_size: LIST_SIZE }),
        systemNow(),
      ]);
      const conversations = await Promise.all(
        page.conversations.map(async (conversation) =>
          toInboxConversation(conversation, await lastMessages.of(api, conversation), now),
        ),
      );
      const view: InboxView = {
        available: true,
        at: now,
        agent: {
          campaign_id: agent.campaign_id,
          messaging_state: agent.messaging_state,
          open_conversations: agent.open_conversations,
        },
        campaigns: campaigns.map((campaign) => ({
          campaign_id: campaign.campaign_id,
          campaign_name: campaign.campaign_name,
          channels: campaign.channels,
          max_concurrent_conversations: campaign.max_concurrent_conversations,
        })),
        conversations,
      };
      return c.json(view);
    },

    getConversation: async (c) => {
      const api = published(c);
      const conversationId = pathId(c, 'conversation_id');
      const [conversation, messages, now] = await Promise.all([
        api.conversation(conversationId),
        threadMessages(api, conversationId),
        systemNow(),
      ]);
      const campaign = conversation.campaign_id > 0 ? await api.campaign(conversation.campaign_id) : null;
      const view: ThreadView = {
        conversation: toInboxConversation(conversation, messages.at(-1) ?? null, now),
        messages,
        dispositions: campaign?.dispositions ?? [],
      };
      return c.json(view);
    },

    reply: async (c) => {
      const api = published(c);
      const conversationId = pathId(c, 'conversation_id');
      const body = await readBody(c, replyBody);
      const conversation = await api.conversation(conversationId);
      if (conversation.conversation_state === 'closed')
        throw new ConsoleHttpError(
          'CONFLICT',
          'This conversation is closed: a message now would start a new conversation with the customer.',
        );
      const base = {
        channel: conversation.channel,
        to: conversation.customer_address,
        ...(conversation.campaign_id > 0 ? { campaign_id: conversation.campaign_id } : {}),
      };
      let send: SendMessageInput;
      if (body.kind === 'template') {
        if (conversation.channel !== 'whatsapp')
          throw new ConsoleHttpError('BAD_REQUEST', 'Templates are sent on WhatsApp only.', { field: 'kind' });
        send = {
          ...base,
          template: { template_name: body.template_name, language: body.language, variables: body.variables },
        };
      } else {
        if (body.subject !== undefined && conversation.channel !== 'email')
          throw new ConsoleHttpError('BAD_REQUEST', 'A subject goes with email only.', { field: 'subject' });
        if (body.message_tag !== undefined && conversation.channel !== 'facebook')
          throw new ConsoleHttpError('BAD_REQUEST', 'Message tags go with Messenger only.', { field: 'message_tag' });
        const tag = MESSAGE_TAGS.find((t) => t === body.message_tag);
        if (body.message_tag !== undefined && !tag)
          throw new ConsoleHttpError(
            'BAD_REQUEST',
            `“message_tag” must be one of Messenger’s tags: ${MESSAGE_TAGS.join(', ')}.`,
            { field: 'message_tag' },
          );
        send = {
          ...base,
          body: body.text,
          ...(body.subject === undefined ? {} : { subject: body.subject }),
          ...(tag === undefined ? {} : { message_tag: tag }),
        };
      }
      const sent = await api.send(send);
      lastMessages.forget(conversationId);
      return c.json(await api.message(sent.message_id));
    },

    markRead: async (c) => {
      const api = published(c);
      return c.json(await api.markRead(pathId(c, 'conversation_id')));
    },

    closeConversation: async (c) => {
      const api = published(c);
      const conversationId = pathId(c, 'conversation_id');
      const body = await readBody(c, closeConversationBody);
      return c.json(await api.close(conversationId, body));
    },

    messagingTemplates: async (c) => {
      const api = published(c);
      const { templates } = await api.approvedTemplates();
      const list: TemplateList = {
        templates: templates
          .filter((t) => t.template_status === 'approved')
          .map((t) => ({
            name: t.template_name,
            language: t.language,
            category: t.category,
            body: t.body,
            variable_count: t.variable_count,
          })),
        message_tags: MESSAGE_TAGS.map((tag) => ({ tag, description: TAG_WORDS[tag] })),
      };
      return c.json(list);
    },

    messagingJoin: async (c) => {
      const api = published(c);
      const { campaign_id } = await readBody(c, messagingJoinBody);
      return c.json(await api.join(campaign_id));
    },

    messagingLeave: async (c) => c.json(await published(c).leave()),

    messagingState: async (c) => {
      const api = published(c);
      const body = await readBody(c, messagingStateBody);
      return c.json(await api.state(body.pause_code === undefined ? { state: body.state } : body));
    },
  } satisfies Partial<ConsoleHandlers>;
}
