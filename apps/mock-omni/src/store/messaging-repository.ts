/**
 * The messaging port on better-sqlite3, with raw prepared statements: a message's status changes are the hot path
 * (four per outbound message), and a prepared update per change is the cheapest there is.
 *
 * @module
 */

import type { Channel, MediaItem, MessageStatus, TemplateStatus } from '@omnikit/contracts/messaging';
import type Database from 'better-sqlite3';
import type {
  ConversationFilter,
  ConversationRecord,
  MessageRecord,
  MessageTemplateUse,
  MessagingAgentRecord,
  MessagingCampaignRecord,
  MessagingStore,
  TemplateRecord,
} from '../engine/messaging/messaging-store.js';
import { EpochMemory } from './epoch-memory.js';
import { writeEpochOf } from './write-epoch.js';

type Row = Record<string, unknown>;

const campaignOf = (r: Row): MessagingCampaignRecord => ({
  systemId: r.system_id as number,
  campaignId: r.campaign_id as number,
  campaignName: r.campaign_name as string,
  description: r.description as string,
  channels: JSON.parse(r.channels as string) as Channel[],
  maxConcurrent: r.max_concurrent as number,
  concurrentWithCalls: r.concurrent_with_calls === 1,
  dispositions: JSON.parse(r.dispositions as string) as string[],
  createdAt: r.created_at as number,
});

const agentOf = (r: Row): MessagingAgentRecord => ({
  systemId: r.system_id as number,
  userId: r.user_id as number,
  campaignId: r.campaign_id as number,
  state: r.state as MessagingAgentRecord['state'],
  pauseCode: r.pause_code as string,
  lastOfferAt: r.last_offer_at as number,
});

const conversationOf = (r: Row): ConversationRecord => ({
  systemId: r.system_id as number,
  conversationId: r.conversation_id as number,
  channel: r.channel as Channel,
  customerAddress: r.customer_address as string,
  businessAddress: r.business_address as string,
  campaignId: r.campaign_id as number,
  userId: r.user_id as number,
  state: r.state as ConversationRecord['state'],
  subject: r.subject as string,
  unreadCount: r.unread_count as number,
  lastInboundAt: r.last_inbound_at as number | null,
  lastMessageAt: r.last_message_at as number,
  createdAt: r.created_at as number,
  closedAt: r.closed_at as number | null,
  dispositionCode: r.disposition_code as string,
  notes: r.notes as string,
  firstAssignedAt: r.first_assigned_at as number | null,
  firstResponseAt: r.first_response_at as number | null,
  messagesIn: r.messages_in as number,
  messagesOut: r.messages_out as number,
});

const messageOf = (r: Row): MessageRecord => ({
  systemId: r.system_id as number,
  messageId: r.message_id as number,
  conversationId: r.conversation_id as number,
  channel: r.channel as Channel,
  direction: r.direction as MessageRecord['direction'],
  from: r.from_address as string,
  to: r.to_address as string,
  body: r.body as string,
  media: JSON.parse(r.media as string) as MediaItem[],
  status: r.status as MessageStatus,
  errorCode: r.error_code as string,
  errorDetail: r.error_detail as string,
  segments: r.segments as number,
  encoding: r.encoding as MessageRecord['encoding'],
  subject: r.subject as string,
  emailMessageId: r.email_message_id as string,
  inReplyTo: r.in_reply_to as string,
  references: r.email_references as string,
  template: r.template === null ? null : (JSON.parse(r.template as string) as MessageTemplateUse),
  messageTag: r.message_tag as string,
  userId: r.user_id as number,
  uniqueId: r.unique_id as string,
  createdAt: r.created_at as number,
  updatedAt: r.updated_at as number,
});

const templateOf = (r: Row): TemplateRecord => ({
  systemId: r.system_id as number,
  templateId: r.template_id as number,
  templateName: r.template_name as string,
  language: r.language as string,
  category: r.category as TemplateRecord['category'],
  body: r.body as string,
  variableCount: r.variable_count as number,
  status: r.status as TemplateStatus,
  rejectedReason: r.rejected_reason as string,
  createdAt: r.created_at as number,
  updatedAt: r.updated_at as number,
});

const CONVERSATION_COLUMNS =
  'system_id, conversation_id, channel, customer_address, business_address, campaign_id, user_id, state, subject, unread_count, last_inbound_at, last_message_at, created_at, closed_at, disposition_code, notes, first_assigned_at, first_response_at, messages_in, messages_out';

const conversationParams = (c: ConversationRecord) => [
  c.systemId,
  c.conversationId,
  c.channel,
  c.customerAddress,
  c.businessAddress,
  c.campaignId,
  c.userId,
  c.state,
  c.subject,
  c.unreadCount,
  c.lastInboundAt,
  c.lastMessageAt,
  c.createdAt,
  c.closedAt,
  c.dispositionCode,
  c.notes,
  c.firstAssignedAt,
  c.firstResponseAt,
  c.messagesIn,
  c.messagesOut,
];

/**
 * A message by its email `Message-ID` in one system, the newest if two share one. The `<> ''` term repeats the
 * partial index's condition, which is how SQLite knows it may use `messages_email_message_id`.
 */
export const MESSAGE_BY_EMAIL_ID_SQL =
  "SELECT * FROM messages WHERE system_id = ? AND email_message_id = ? AND email_message_id <> '' ORDER BY message_id DESC LIMIT 1";

/** The WHERE clause and parameters of a conversation filter. */
function filterSql(systemId: number, f: ConversationFilter): { where: string; params: (string | number)[] } {
  const parts = ['system_id = ?'];
  const params: (string | number)[] = [systemId];
  if (f.channel !== undefined) {
    parts.push('channel = ?');
    params.push(f.channel);
  }
  if (f.state !== undefined) {
    parts.push('state = ?');
    params.push(f.state);
  }
  if (f.userId !== undefined) {
    parts.push('user_id = ?');
    params.push(f.userId);
  }
  if (f.campaignId !== undefined) {
    parts.push('campaign_id = ?');
    params.push(f.campaignId);
  }
  return { where: parts.join(' AND '), params };
}

/** Messaging agents (and users known to be none) kept in memory at most: beyond, memory starts again. */
const AGENT_LIMIT = 4_096;

/** One memory per connection, shared by every repository made on it, so none reads another's stale answer. */
const agentMemories = new WeakMap<Database.Database, EpochMemory<Readonly<MessagingAgentRecord> | null>>();

export function createMessagingRepository(sqlite: Database.Database): MessagingStore {
  // Every change of a voice agent's state asks whether they are a messaging agent (messaging-service.ts:
  // `voiceStateChanged`); on a dialler's day that is tens of thousands of reads, nearly all of them for
  // nobody. The answer, absence included, is kept until the write epoch moves (a rollback, a failed COMMIT,
  // a system wiped: store/write-epoch.ts), since only this repository writes `messaging_agents`.
  let agents = agentMemories.get(sqlite);
  if (!agents) {
    agents = new EpochMemory<Readonly<MessagingAgentRecord> | null>(writeEpochOf(sqlite), AGENT_LIMIT);
    agentMemories.set(sqlite, agents);
  }
  const q = <P extends unknown[]>(text: string) => sqlite.prepare<P, Row>(text);
  const insertCampaign = q<unknown[]>(
    'INSERT INTO messaging_campaigns (system_id, campaign_id, campaign_name, description, channels, max_concurrent, concurrent_with_calls, dispositions, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const getCampaign = q<[number, number]>('SELECT * FROM messaging_campaigns WHERE system_id = ? AND campaign_id = ?');
  const listCampaigns = q<[number]>('SELECT * FROM messaging_campaigns WHERE system_id = ? ORDER BY campaign_id');
  const getAgent = q<[number, number]>('SELECT * FROM messaging_agents WHERE system_id = ? AND user_id = ?');
  const saveAgent = q<unknown[]>(
    'INSERT INTO messaging_agents (system_id, user_id, campaign_id, state, pause_code, last_offer_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (system_id, user_id) DO UPDATE SET campaign_id = excluded.campaign_id, state = excluded.state, pause_code = excluded.pause_code, last_offer_at = excluded.last_offer_at',
  );
  const deleteAgent = q<[number, number]>('DELETE FROM messaging_agents WHERE system_id = ? AND user_id = ?');
  const agentsOf = q<[number, number]>(
    'SELECT * FROM messaging_agents WHERE system_id = ? AND campaign_id = ? ORDER BY user_id',
  );
  const insertConversation = q<unknown[]>(
    `INSERT INTO conversations (${CONVERSATION_COLUMNS}) VALUES (${CONVERSATION_COLUMNS.split(',')
      .map(() => '?')
      .join(', ')})`,
  );
  const saveConversation = q<unknown[]>(
    `INSERT OR REPLACE INTO conversations (${CONVERSATION_COLUMNS}) VALUES (${CONVERSATION_COLUMNS.split(',')
      .map(() => '?')
      .join(', ')})`,
  );
  const getConversation = q<[number, number]>(
    'SELECT * FROM conversations WHERE system_id = ? AND conversation_id = ?',
  );
  const openConversation = q<[number, string, string]>(
    "SELECT * FROM conversations WHERE system_id = ? AND channel = ? AND customer_address = ? AND state IN ('queued', 'assigned') LIMIT 1",
  );
  const queued = q<[number, number]>(
    "SELECT * FROM conversations WHERE system_id = ? AND campaign_id = ? AND state = 'queued' ORDER BY conversation_id",
  );
  const ownedBy = q<[number, number]>(
    "SELECT * FROM conversations WHERE system_id = ? AND user_id = ? AND state = 'assigned' ORDER BY conversation_id",
  );
  // The conversations_open index (system, channel, address, state) answers it without a scan.
  const customerLastInboundAt = q<[number, string, string]>(
    'SELECT max(last_inbound_at) AS at FROM conversations WHERE system_id = ? AND channel = ? AND customer_address = ?',
  );
  const insertMessage = q<unknown[]>(
    'INSERT INTO messages (system_id, message_id, conversation_id, channel, direction, from_address, to_address, body, media, status, error_code, error_detail, segments, encoding, subject, email_message_id, in_reply_to, email_references, template, message_tag, user_id, unique_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const setStatus = q<unknown[]>(
    'UPDATE messages SET status = ?, error_code = ?, error_detail = ?, updated_at = ? WHERE system_id = ? AND message_id = ?',
  );
  const getMessage = q<[number, number]>('SELECT * FROM messages WHERE system_id = ? AND message_id = ?');
  const messageByEmailId = q<[number, string]>(MESSAGE_BY_EMAIL_ID_SQL);
  const listMessages = q<[number, number, number, number]>(
    'SELECT * FROM messages WHERE system_id = ? AND conversation_id = ? ORDER BY message_id LIMIT ? OFFSET ?',
  );
  const countMessages = q<[number, number]>(
    'SELECT count(*) AS n FROM messages WHERE system_id = ? AND conversation_id = ?',
  );
  const unreadInbound = q<[number, number]>(
    "SELECT * FROM messages WHERE system_id = ? AND conversation_id = ? AND direction = 'inbound' AND status = 'received' ORDER BY message_id",
  );
  const lastInbound = q<[number, number]>(
    "SELECT * FROM messages WHERE system_id = ? AND conversation_id = ? AND direction = 'inbound' ORDER BY message_id DESC LIMIT 1",
  );
  const firstInbound = q<[number, number]>(
    "SELECT * FROM messages WHERE system_id = ? AND conversation_id = ? AND direction = 'inbound' ORDER BY message_id LIMIT 1",
  );
  const insertTemplate = q<unknown[]>(
    'INSERT INTO message_templates (system_id, template_id, template_name, language, category, body, variable_count, status, rejected_reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const saveTemplate = q<unknown[]>(
    'UPDATE message_templates SET status = ?, rejected_reason = ?, updated_at = ? WHERE system_id = ? AND template_id = ?',
  );
  const getTemplate = q<[number, number]>('SELECT * FROM message_templates WHERE system_id = ? AND template_id = ?');
  const findTemplate = q<[number, string, string]>(
    'SELECT * FROM message_templates WHERE system_id = ? AND template_name = ? AND language = ?',
  );
  const listTemplates = q<[number]>('SELECT * FROM message_templates WHERE system_id = ? ORDER BY template_id');
  const isOptedOut = q<[number, string, string]>(
    'SELECT 1 AS x FROM messaging_opt_outs WHERE system_id = ? AND channel = ? AND address = ?',
  );
  const optOut = q<unknown[]>(
    'INSERT INTO messaging_opt_outs (system_id, channel, address, reason, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const optIn = q<[number, string, string]>(
    'DELETE FROM messaging_opt_outs WHERE system_id = ? AND channel = ? AND address = ?',
  );

  return {
    insertCampaign: (c) =>
      void insertCampaign.run(
        c.systemId,
        c.campaignId,
        c.campaignName,
        c.description,
        JSON.stringify(c.channels),
        c.maxConcurrent,
        c.concurrentWithCalls ? 1 : 0,
        JSON.stringify(c.dispositions),
        c.createdAt,
      ),
    getCampaign: (systemId, campaignId) => {
      const r = getCampaign.get(systemId, campaignId);
      return r ? campaignOf(r) : undefined;
    },
    listCampaigns: (systemId) => listCampaigns.all(systemId).map(campaignOf),

    getAgent: (systemId, userId) => {
      const key = `${systemId}/${userId}`;
      let known = agents.get(key);
      if (known === undefined) {
        const r = getAgent.get(systemId, userId);
        known = agents.set(key, r ? Object.freeze(agentOf(r)) : null);
      }
      return known ? { ...known } : undefined;
    },
    saveAgent: (a) => {
      saveAgent.run(a.systemId, a.userId, a.campaignId, a.state, a.pauseCode, a.lastOfferAt);
      agents.set(`${a.systemId}/${a.userId}`, Object.freeze({ ...a }));
    },
    deleteAgent: (systemId, userId) => {
      deleteAgent.run(systemId, userId);
      agents.set(`${systemId}/${userId}`, null);
    },
    agentsOf: (systemId, campaignId) => agentsOf.all(systemId, campaignId).map(agentOf),

    insertConversation: (c) => void insertConversation.run(...conversationParams(c)),
    saveConversation: (c) => void saveConversation.run(...conversationParams(c)),
    getConversation: (systemId, conversationId) => {
      const r = getConversation.get(systemId, conversationId);
      return r ? conversationOf(r) : undefined;
    },
    openConversation: (systemId, channel, address) => {
      const r = openConversation.get(systemId, channel, address);
      return r ? conversationOf(r) : undefined;
    },
    listConversations: (systemId, filter, offset, limit) => {
      const { where, params } = filterSql(systemId, filter);
      return sqlite
        .prepare<unknown[], Row>(
          `SELECT * FROM conversations WHERE ${where} ORDER BY last_message_at DESC, conversation_id DESC LIMIT ? OFFSET ?`,
        )
        .all(...params, limit, offset)
        .map(conversationOf);
    },
    countConversations: (systemId, filter) => {
      const { where, params } = filterSql(systemId, filter);
      const row = sqlite
        .prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM conversations WHERE ${where}`)
        .get(...params);
      return row?.n ?? 0;
    },
    queued: (systemId, campaignId) => queued.all(systemId, campaignId).map(conversationOf),
    ownedBy: (systemId, userId) => ownedBy.all(systemId, userId).map(conversationOf),
    customerLastInboundAt: (systemId, channel, address) =>
      (customerLastInboundAt.get(systemId, channel, address)?.at as number | null | undefined) ?? null,

    insertMessage: (m) =>
      void insertMessage.run(
        m.systemId,
        m.messageId,
        m.conversationId,
        m.channel,
        m.direction,
        m.from,
        m.to,
        m.body,
        JSON.stringify(m.media),
        m.status,
        m.errorCode,
        m.errorDetail,
        m.segments,
        m.encoding,
        m.subject,
        m.emailMessageId,
        m.inReplyTo,
        m.references,
        m.template === null ? null : JSON.stringify(m.template),
        m.messageTag,
        m.userId,
        m.uniqueId,
        m.createdAt,
        m.updatedAt,
      ),
    setMessageStatus: (systemId, messageId, status, code, detail, at) =>
      void setStatus.run(status, code, detail, at, systemId, messageId),
    getMessage: (systemId, messageId) => {
      const r = getMessage.get(systemId, messageId);
      return r ? messageOf(r) : undefined;
    },
    messageByEmailId: (systemId, emailMessageId) => {
      if (emailMessageId === '') return undefined;
      const r = messageByEmailId.get(systemId, emailMessageId);
      return r ? messageOf(r) : undefined;
    },
    listMessages: (systemId, conversationId, offset, limit) =>
      listMessages.all(systemId, conversationId, limit, offset).map(messageOf),
    countMessages: (systemId, conversationId) =>
      (countMessages.get(systemId, conversationId)?.n as number | undefined) ?? 0,
    unreadInbound: (systemId, conversationId) => unreadInbound.all(systemId, conversationId).map(messageOf),
    lastInbound: (systemId, conversationId) => {
      const r = lastInbound.get(systemId, conversationId);
      return r ? messageOf(r) : undefined;
    },
    firstInbound: (systemId, conversationId) => {
      const r = firstInbound.get(systemId, conversationId);
      return r ? messageOf(r) : undefined;
    },

    insertTemplate: (t) =>
      void insertTemplate.run(
        t.systemId,
        t.templateId,
        t.templateName,
        t.language,
        t.category,
        t.body,
        t.variableCount,
        t.status,
        t.rejectedReason,
        t.createdAt,
        t.updatedAt,
      ),
    saveTemplate: (t) => void saveTemplate.run(t.status, t.rejectedReason, t.updatedAt, t.systemId, t.templateId),
    getTemplate: (systemId, templateId) => {
      const r = getTemplate.get(systemId, templateId);
      return r ? templateOf(r) : undefined;
    },
    findTemplate: (systemId, name, language) => {
      const r = findTemplate.get(systemId, name, language);
      return r ? templateOf(r) : undefined;
    },
    listTemplates: (systemId, status) =>
      listTemplates
        .all(systemId)
        .map(templateOf)
        .filter((t) => status === undefined || t.status === status),

    isOptedOut: (systemId, channel, address) => isOptedOut.get(systemId, channel, address) !== undefined,
    optOut: (systemId, channel, address, reason, at) => void optOut.run(systemId, channel, address, reason, at),
    optIn: (systemId, channel, address) => void optIn.run(systemId, channel, address),
  };
}
