import type { AgentSession } from './agent-session.js';
import type {
  AgentMethods,
  ArchiveMethods,
  CallsMethods,
  CampaignsMethods,
  ConversationsMethods,
  LeadsMethods,
  ListsMethods,
  MessagesMethods,
  MessagingCampaignsMethods,
  MessagingMethods,
  NotificationsMethods,
  PreviewMethods,
  RecordingsMethods,
  ShotgunMethods,
  TemplatesMethods,
  UsersMethods,
} from './group-methods.js';

/**
 * The directory: everything a signed-in user may read or change that is not about their own
 * agent. These routes need a user token, so they come from `client.withSession(session)` (or an
 * agent, which has them too). The archive service is here too for convenience, but it takes the
 * system key only (no token is sent), and `client.archive` serves it without a session.
 *
 * @example
 * ```ts
 * import { OmniClient, type SessionResources } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * const omni: SessionResources = client.withSession(await client.authorize('agent1', 'password1'));
 * const campaign = await omni.campaigns.get(1);
 * ```
 */
export interface SessionResources {
  readonly session: AgentSession;
  /** `list()` */
  readonly users: UsersMethods;
  /** `create(body)`, `get(campaign_id)`, `list()`, `update(campaign_id, body)` */
  readonly campaigns: CampaignsMethods;
  /** `create(body)`, `get(list_id)`, `list()`, `leads(list_id, query?)` */
  readonly lists: ListsMethods;
  /** `add(body)`, `get(lead_id)`, `update(lead_id, body)`, `delete(lead_id)`, `bulkUpload(body)` */
  readonly leads: LeadsMethods;
  /** `archive(body)`, `dearchive(body)` (`/vicidial/leads/*`) */
  readonly archive: ArchiveMethods;
  /** `setEndpoint(body)`, `getEndpoint()`, `deleteEndpoint()` */
  readonly notifications: NotificationsMethods;
  /** `get(file)` → Blob (audio/wav) */
  readonly recordings: RecordingsMethods;
  /** Messaging campaigns (queues; B.12, inferred): `create(body)`, `get(campaign_id)`, `list()` */
  readonly messagingCampaigns: MessagingCampaignsMethods;
  /** WhatsApp templates (B.12, inferred): `create(body)`, `list(query?)`, `get(template_id)` */
  readonly templates: TemplatesMethods;
}

/**
 * One agent, acting with its own session: its state and campaign login, its calls, shotguns and
 * preview leads, its messaging and conversations (`{user_id}` is filled from the session), plus
 * the directory.
 *
 * @example
 * ```ts
 * import { type AgentResources, OmniClient } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * const agent: AgentResources = client.agent(await client.authorize('agent1', 'password1'));
 * await agent.login({ campaign_id: 1, extension: '1001' });
 * const call = await agent.calls.make({ phone_number: '0800555008', unique_id: 'crm-42' });
 * ```
 */
export type AgentResources = SessionResources &
  AgentMethods & {
    /** The agent's user id (the session's). */
    readonly userId: number;
    /** `make(body)`, `get(call_id)`, `hold`, `retrieve`, `hangup`, `dispose`, `record`, `conference`, `connect` */
    readonly calls: CallsMethods;
    /** `start(body)`, `get(shotgun_id)`, `cancel(shotgun_id)` */
    readonly shotgun: ShotgunMethods;
    /** `next()`, `skip({ lead_id })` */
    readonly preview: PreviewMethods;
    /** The agent's messaging (B.12, inferred): `send(body)`, `join({ campaign_id })`, `leave()`, `state(body)`, `get()` */
    readonly messaging: MessagingMethods;
    /** `list(query?)`, `get(id)`, `messages(id, query?)`, `assign(id, { to_user_id })`, `markRead(id)`, `close(id, body)` */
    readonly conversations: ConversationsMethods;
    /** `get(message_id)` */
    readonly messages: MessagesMethods;
  };
