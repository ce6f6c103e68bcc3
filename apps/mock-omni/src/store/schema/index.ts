/**
 * Every table of the mock's SQLite database, one file per table; drizzle-kit generates the migrations from here.
 *
 * @module
 */

export * from './agent-sessions.js';
export * from './callee-rules.js';
export * from './calls.js';
export * from './campaigns.js';
export * from './conversations.js';
export * from './dialler-leads.js';
export * from './dialler-state.js';
export * from './dnc-numbers.js';
export * from './leads.js';
export * from './lists.js';
export * from './message-templates.js';
export * from './messages.js';
export * from './messaging-agents.js';
export * from './messaging-campaigns.js';
export * from './messaging-opt-outs.js';
export * from './notification-endpoints.js';
export * from './outbox.js';
export * from './sequences.js';
export * from './shotgun-races.js';
export * from './systems.js';
export * from './timers.js';
export * from './token-revocations.js';
export * from './tokens.js';
export * from './users.js';
export * from './virtual-phones.js';
export * from './webhook-chaos.js';
