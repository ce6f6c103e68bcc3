/**
 * Where each messaging route's method sits. The contracts put every messaging route in one group
 * (`messaging`, `@omnikit/contracts/messaging`); the sdk spreads them over resources as an
 * integrator thinks of them: the agent's own messaging (`send`, `join`, `state`…), its
 * conversations, messages, and the directory's messaging campaigns and templates.
 *
 * @module
 */

import type { MessagingRouteId } from '@omnikit/contracts/messaging';

/**
 * The resources the messaging methods are grouped under.
 *
 * @example
 * ```ts
 * import type { MessagingGroup } from '@omnikit/sdk';
 *
 * const onTheAgent: MessagingGroup[] = ['messaging', 'conversations', 'messages'];
 * ```
 */
export type MessagingGroup = 'messaging' | 'conversations' | 'messages' | 'messagingCampaigns' | 'templates';

/**
 * Each messaging route's resource and method name: route `closeConversation` is
 * `agent.conversations.close(…)`. The `satisfies` makes a new messaging route in the contracts a
 * type error here until it is given a place, so no route is left without its method.
 *
 * @example
 * ```ts
 * import { MESSAGING_METHOD_NAMES } from '@omnikit/sdk';
 *
 * const [group, name] = MESSAGING_METHOD_NAMES.sendMessage; // 'messaging', 'send': agent.messaging.send(…)
 * ```
 */
export const MESSAGING_METHOD_NAMES = {
  sendMessage: ['messaging', 'send'],
  joinMessaging: ['messaging', 'join'],
  leaveMessaging: ['messaging', 'leave'],
  setMessagingState: ['messaging', 'state'],
  getMessagingAgent: ['messaging', 'get'],
  listConversations: ['conversations', 'list'],
  getConversation: ['conversations', 'get'],
  listMessages: ['conversations', 'messages'],
  assignConversation: ['conversations', 'assign'],
  markConversationRead: ['conversations', 'markRead'],
  closeConversation: ['conversations', 'close'],
  getMessage: ['messages', 'get'],
  createMessagingCampaign: ['messagingCampaigns', 'create'],
  getMessagingCampaign: ['messagingCampaigns', 'get'],
  listMessagingCampaigns: ['messagingCampaigns', 'list'],
  createTemplate: ['templates', 'create'],
  listTemplates: ['templates', 'list'],
  getTemplate: ['templates', 'get'],
} as const satisfies { readonly [K in MessagingRouteId]: readonly [MessagingGroup, string] };

/**
 * The type of MESSAGING_METHOD_NAMES.
 *
 * @example
 * ```ts
 * import type { MessagingMethodNames } from '@omnikit/sdk';
 *
 * const where: MessagingMethodNames['getMessage'] = ['messages', 'get'];
 * ```
 */
export type MessagingMethodNames = typeof MESSAGING_METHOD_NAMES;
