/**
 * `@omnikit/contracts/messaging`: SMS, WhatsApp, email and Messenger on one interaction model
 * (omni-api.md B.12, `docs/omni-api-b12-messaging.md`), every route and notification `inferred`.
 * TForge lists these channels as upcoming and publishes no API; when it does, mirroring it is a change
 * of this module. The notifications are also in the main entry's union; the control routes also in
 * `@omnikit/contracts/control`.
 *
 * @module
 */

export * from './channel.js';
export * from './control-routes.js';
export * from './conversation.js';
export * from './media.js';
export * from './message.js';
export * from './message-status.js';
export * from './message-tag.js';
export * from './messaging-agent.js';
export * from './messaging-campaign.js';
export * from './messaging-notifications.js';
export * from './routes.js';
export * from './send-message.js';
export * from './template.js';
export * from './template-ref.js';
