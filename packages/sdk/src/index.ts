/**
 * `@omnikit/sdk`: the client for TForge's Omni. `OmniClient` and its sessions give one typed
 * method per route of the contracts (the messaging channels' included); the error classes say what
 * failed; the notification helpers receive Omni's webhooks; `OmniPhone` is the agent's webphone. Node's `http` adapter is the
 * separate entry `@omnikit/sdk/node`.
 *
 * @module
 */

export type { Notification, NotificationOf, NotificationType } from '@omnikit/contracts';
export { encodePassword } from '@omnikit/contracts';
export {
  AgentSession,
  type Credentials,
  type CredentialsProvider,
  type SessionData,
  type SessionOptions,
} from './agent-session.js';
export type { FetchLike, OmniClientOptions, OmniLogger } from './client-options.js';
export type * from './group-methods.js';
export {
  MessageTagRequiredError,
  RecipientOptedOutError,
  TemplateNotApprovedError,
  TemplateRequiredError,
  TemplateVariablesError,
} from './messaging-error.js';
export {
  MESSAGING_METHOD_NAMES,
  type MessagingGroup,
  type MessagingMethodNames,
} from './messaging-method-names.js';
export { type CurrentRouteId, METHOD_NAMES, type MethodNames } from './method-names.js';
export {
  type CallTracker,
  type CallUpdate,
  createCallTracker,
  type TrackedCall,
} from './notifications/call-tracker.js';
export {
  createMemoryDedupeStore,
  type DedupeStore,
  type MemoryDedupeStoreOptions,
} from './notifications/dedupe-store.js';
export {
  createMessageTracker,
  type MessageTracker,
  type MessageUpdate,
  type TrackedMessage,
} from './notifications/message-tracker.js';
export {
  createNotificationHandler,
  type DeliveryInfo,
  type NotificationHandlerOptions,
  type NotificationRequestHandler,
  type UnrecognizedNotification,
} from './notifications/notification-handler.js';
export { type ParseNotificationOptions, parseNotification } from './notifications/parse-notification.js';
export {
  type HeaderSource,
  signNotification,
  type VerifyOptions,
  verifyNotification,
} from './notifications/verify-notification.js';
export { type AuthorizeOptions, OmniClient } from './omni-client.js';
export * from './omni-error.js';
export { type PaginateOptions, paginate } from './paginate.js';
export * from './phone/index.js';
export type { AgentResources, SessionResources } from './resources.js';
export type {
  GroupMethods,
  MethodInput,
  MethodOutput,
  RequestOptions,
  RouteMethod,
  RouteResult,
} from './route-method.js';
