/**
 * The engine's ports: what it needs from storage and from the outside world, as interfaces. `src/store/` implements
 * them on better-sqlite3; tests may implement them in memory. Every method is synchronous: a command runs inside one
 * SQLite transaction (`Transactor.run`).
 *
 * @module
 */

import type { OfficeHours } from '@omnikit/contracts/control';
import type { AgentStore } from './agents/agent-store.js';
import type { VirtualPhoneStore } from './agents/virtual-phone-store.js';
import type { CallStore } from './calls/call-store.js';
import type { CalleeRuleStore } from './calls/callee-rule-store.js';
import type { ClockSnapshot } from './clock.js';
import type { CampaignHistory } from './dialler/campaign-history.js';
import type { DiallerPorts } from './dialler/dialler-service.js';
import type { MessagingStore } from './messaging/messaging-store.js';
import type { ShotgunStore } from './shotgun/shotgun-store.js';

export interface Transactor {
  /** Runs `fn` in one transaction: all its writes land, or none. Nested calls join the outer one. */
  run<T>(fn: () => T): T;
  /** Resolves once every write made so far is committed (writes may be committed in groups). */
  durable(): Promise<void>;
  /** Whether writes are waiting for their commit. */
  pending(): boolean;
  /** Commits whatever is waiting, now. */
  flush(): void;
}

export interface SystemRecord {
  systemId: number;
  systemKey: string;
  isDefault: boolean;
  seed: number;
  clock: ClockSnapshot;
  clockStart: number;
  officeHours: OfficeHours;
  tokenLifetimeMs: number;
  /** The variation the system plays, as `--vary` text; null: it follows the mock's `--vary`. */
  vary: string | null;
  /** Wall epoch ms. */
  createdAt: number;
}

export interface SystemStore {
  insert(record: Omit<SystemRecord, 'systemId'>): number;
  getByKey(systemKey: string): SystemRecord | undefined;
  getById(systemId: number): SystemRecord | undefined;
  getDefault(): SystemRecord | undefined;
  list(): SystemRecord[];
  saveClock(systemId: number, clock: ClockSnapshot): void;
  setSeed(systemId: number, seed: number): void;
  setOfficeHours(systemId: number, hours: OfficeHours): void;
  setVary(systemId: number, vary: string | null): void;
  /** Deletes the system row and, by cascade, everything it owns. */
  delete(systemId: number): void;
  /** Deletes everything the system owns but the system row itself. */
  wipeData(systemId: number): void;
}

export interface SequenceStore {
  /** The next id of `name` in the system: 1, 2, 3… never reused. */
  next(systemId: number, name: string): number;
}

export interface UserRecord {
  systemId: number;
  userId: number;
  userName: string;
  passwordHash: string;
  passwordSalt: string;
  extension: string;
  webrtcPassword: string;
  agentState: string;
  campaignId: number;
  callId: number;
  createdAt: number;
}

export type UserCredentials = Pick<UserRecord, 'userId' | 'userName' | 'passwordHash' | 'passwordSalt'>;

export interface UserStore {
  insert(user: UserRecord): void;
  get(systemId: number, userId: number): UserRecord | undefined;
  findByName(systemId: number, userName: string): UserRecord | undefined;
  /** What authorize checks (never changes once a user exists): id, name and the password's hash. */
  credentials(systemId: number, userName: string): UserCredentials | undefined;
  findByExtension(systemId: number, extension: string): UserRecord | undefined;
  list(systemId: number): UserRecord[];
  /** Ids and names only, in id order (`GET /omni/users`: the hot listing). */
  names(systemId: number): { userId: number; userName: string }[];
}

export interface TokenRecord {
  tokenHash: string;
  systemId: number;
  userId: number;
  issuedAt: number;
  expiresAt: number;
}

/**
 * `tokens=revoke-older`: a user's tokens issued before the one whose hash is `keptHash` (the newer authorize's) are
 * revoked. `revokedThrough` is that authorize's instant (system clock ms): tokens issued before it are older, tokens
 * issued at it are told apart by the order the store keeps (`TokenStore.issuedBefore`).
 */
export interface TokenRevocation {
  systemId: number;
  userId: number;
  revokedThrough: number;
  keptHash: string;
}

export interface TokenStore {
  insert(token: TokenRecord): void;
  findByHash(tokenHash: string): TokenRecord | undefined;
  /** Records a revocation (replacing the user's earlier one, which it covers), in the caller's transaction. */
  revokeOlder(revocation: TokenRevocation): void;
  /** The user's revocation, if any. */
  revocation(systemId: number, userId: number): TokenRevocation | undefined;
  /**
   * Whether token `aHash` was issued before token `bHash` (both SHA-256): the order the store keeps, which a clock
   * standing still (manual) does not. Undefined when either is not stored.
   */
  issuedBefore(aHash: string, bHash: string): boolean | undefined;
}

/** Secrets come from outside the engine (node:crypto): random tokens and salts, SHA-256. */
export interface Secrets {
  /** A long random token (URL-safe text). */
  randomToken(): string;
  sha256Hex(text: string): string;
}

export interface CampaignRecord {
  systemId: number;
  campaignId: number;
  campaignName: string;
  campaignType: number;
  /** Every setting but name and type (A.5 and B.8). */
  settings: Record<string, unknown>;
  createdAt: number;
}

export interface CampaignStore {
  insert(campaign: CampaignRecord): void;
  get(systemId: number, campaignId: number): CampaignRecord | undefined;
  /** Name, type and the settings as their stored JSON text (not parsed: the read fast path). */
  getText(
    systemId: number,
    campaignId: number,
  ): { campaignName: string; campaignType: number; settings: string } | undefined;
  list(systemId: number): CampaignRecord[];
  update(campaign: CampaignRecord): void;
}

export interface ListRecord {
  systemId: number;
  listId: number;
  listName: string;
  campaignId: number;
  description: string;
  createdAt: number;
}

export interface ListStore {
  insert(list: ListRecord): void;
  get(systemId: number, listId: number): ListRecord | undefined;
  list(systemId: number): ListRecord[];
  /** Active leads of the list by status. */
  countsByStatus(systemId: number, listId: number): Record<string, number>;
}

export interface LeadPhone {
  phone_number: string;
  phone_type_id: number;
  time_zone_id: number;
  high_priority: boolean;
  /** Virtual epoch ms, or null. */
  schedule_call_at: number | null;
}

export interface LeadRecord {
  systemId: number;
  leadId: number;
  listId: number;
  firstName: string;
  lastName: string;
  otherInfo: string;
  uniqueId: string;
  leadProvider: string;
  cost: number | null;
  title: string;
  email1: string;
  email2: string;
  messenger: string;
  addressLine1: string;
  addressLine2: string;
  city: string;
  province: string;
  postalCode: string;
  callerId: string;
  status: string;
  attempts: number;
  lastCallId: number;
  lastCallAt: number | null;
  callbackAt: number | null;
  phones: LeadPhone[];
  createdAt: number;
  updatedAt: number;
}

export interface LeadPage {
  total: number;
  leads: LeadRecord[];
}

export interface ArchiveCounts {
  selectCount: number;
  insertCount: number;
  updateCount: number;
  deleteCount: number;
}

export interface LeadStore {
  /**
   * The next lead id of the system: one above every id it ever used (active, archived or
   * deleted). Leads are the hottest insert, so this reads indexes instead of bumping a counter row.
   */
  nextId(systemId: number): number;
  insert(lead: LeadRecord): void;
  get(systemId: number, leadId: number): LeadRecord | undefined;
  update(lead: LeadRecord): void;
  /** Deletes an active lead; its id is never given again. */
  delete(systemId: number, leadId: number): boolean;
  page(systemId: number, listId: number, status: string | undefined, offset: number, limit: number): LeadPage;
  /** Is `phone` the first number of an active lead of the list? */
  phoneInList(systemId: number, listId: number, phone: string): boolean;
  uniqueIdInList(systemId: number, listId: number, uniqueId: string): boolean;
  /** Is `phone` one of the numbers of a lead (active) whose status is `DNC`? */
  phoneOfDncLead(systemId: number, phone: string): boolean;
  /** A.7 archive: insert (skipping ids already archived) → update → delete (only ids archived). */
  archive(
    systemId: number,
    leadIds: number[],
    ops: { insert: boolean; update: boolean; delete: boolean },
  ): ArchiveCounts;
  /** A.7 dearchive: insert (skipping ids already active) → delete (only ids active again). */
  dearchive(systemId: number, leadIds: number[], ops: { insert: boolean; delete: boolean }): ArchiveCounts;
}

export interface DncStore {
  add(systemId: number, phones: string[], at: number): number;
  remove(systemId: number, phone: string): number;
  has(systemId: number, phone: string): boolean;
  list(systemId: number): string[];
}

export interface EndpointRecord {
  systemId: number;
  url: string;
  notificationTypes: string[];
  secret: string | null;
  updatedAt: number;
}

export interface EndpointStore {
  set(endpoint: EndpointRecord): void;
  get(systemId: number): EndpointRecord | undefined;
  delete(systemId: number): boolean;
}

export interface TimerRecord {
  timerId: number;
  systemId: number;
  dueAt: number;
  kind: string;
  ref: string;
  payload: unknown;
}

export interface TimerStore {
  insert(timer: Omit<TimerRecord, 'timerId'>): number;
  /** The earliest timer of the system due at or before `upTo` (ties by id), deleted as it is read: it runs now. */
  takeNextDue(systemId: number, upTo: number): TimerRecord | undefined;
  /** The earliest pending timer of the system. */
  earliest(systemId: number): TimerRecord | undefined;
  delete(timerId: number): boolean;
  cancel(systemId: number, kind: string, ref: string): number;
  count(systemId: number): number;
  /** Systems with at least one pending timer. */
  systemsWithTimers(): number[];
}

/**
 * How the engine reaches an agent's phone on the network (the SIP edge): whether an extension is
 * registered there, and what a login, hold, retrieve and logout do to the phone. `bridge` comes
 * first and outside any transaction: it places the bridge call and settles once the phone answered
 * (or rejects with the login's 409); the others run once a command has committed (re-INVITEs for
 * hold, BYE). A virtual phone needs none of it: it answers its bridge call at virtual t+0 and only
 * the session's state records it. Ids are the mock's system ids.
 */
export interface NetworkPhones {
  isRegistered(systemId: number, extension: string): boolean;
  /** The extensions registered this way in the system. */
  registered(systemId: number): string[];
  bridge(systemId: number, userId: number, extension: string): Promise<void>;
  hold(systemId: number, userId: number): void;
  retrieve(systemId: number, userId: number): void;
  hangup(systemId: number, userId: number): void;
  /**
   * The system was reset or deleted: its bridge legs end (BYE) and belong to no agent any more; a deleted system's
   * registrations go too.
   */
  endSystem(systemId: number, how: 'reset' | 'deleted'): void;
}

export interface Stores {
  tx: Transactor;
  systems: SystemStore;
  sequences: SequenceStore;
  users: UserStore;
  tokens: TokenStore;
  campaigns: CampaignStore;
  lists: ListStore;
  leads: LeadStore;
  dnc: DncStore;
  endpoints: EndpointStore;
  timers: TimerStore;
}

/** The ports of agents, phones and calls, beside the directory's `Stores`. */
export interface TelephonyStores {
  agents: AgentStore;
  phones: VirtualPhoneStore;
  calls: CallStore;
  calleeRules: CalleeRuleStore;
  /** Shotgun races. */
  shotguns: ShotgunStore;
  /** The dialler's lead source and working state of one system. */
  diallerPorts: (systemId: number) => DiallerPorts;
  /** The calls and agent state changes the campaign series are built from. */
  history: CampaignHistory;
  /** Messaging: campaigns, conversations, messages, templates, opt-outs (B.12). */
  messaging: MessagingStore;
}
