/**
 * Omni's messaging routes (omni-api.md B.12.4) called straight from the contracts' route objects,
 * with the system key and the agent's token as the sdk sends them: the sdk has no messaging methods
 * yet. Answers are checked against the routes' schemas and refusals become the sdk's own error
 * classes (by status, with Omni's `error_code`, `detail` and field errors), so the console's error
 * table words them like every other Omni refusal.
 *
 * @module
 */

import { buildPath, ERROR_STATUS, type ErrorCode, type RouteDef } from '@omnikit/contracts';
import {
  closeConversation,
  getConversation,
  getMessage,
  getMessagingAgent,
  getMessagingCampaign,
  joinMessaging,
  leaveMessaging,
  listConversations,
  listMessages,
  listMessagingCampaigns,
  listTemplates,
  markConversationRead,
  sendMessage,
  setMessagingState,
} from '@omnikit/contracts/messaging';
import {
  type AgentSession,
  type ApiErrorInit,
  AuthenticationError,
  ConnectionError,
  InvalidStateError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionError,
  RateLimitError,
  ResponseValidationError,
  ServerError,
  ValidationError,
} from '@omnikit/sdk';
import type { z } from 'zod';
import type { MessagingApi } from './messaging-api.js';

export interface OmniMessagingOptions {
  baseUrl: string;
  systemKey: string;
  fetch?: (request: Request) => Promise<Response>;
  timeoutMs?: number;
}

type Answer<R extends RouteDef> = R['responses'][200] extends z.ZodType ? z.output<R['responses'][200]> : never;

interface Call {
  params?: Record<string, string | number>;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_STATUS, code);
}

/** Omni's refusal as the sdk's error class for its status (B.2's body: `detail`, `error_code`, `errors`). */
function refusal(route: RouteDef, path: string, response: Response, body: unknown): Error {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const errors = Array.isArray(record.errors) ? record.errors : [];
  const init: ApiErrorInit = {
    routeId: route.id,
    method: route.method,
    path,
    status: response.status,
    errorCode: isErrorCode(record.error_code) ? record.error_code : undefined,
    detail: typeof record.detail === 'string' ? record.detail : '',
    fieldErrors: errors.flatMap((e: unknown) => {
      const f = typeof e === 'object' && e !== null ? (e as Record<string, unknown>) : {};
      return typeof f.field === 'string'
        ? [{ field: f.field, message: typeof f.message === 'string' ? f.message : '' }]
        : [];
    }),
    body,
    headers: response.headers,
  };
  switch (response.status) {
    case 400:
      return new ValidationError(init);
    case 401:
      return new AuthenticationError(init);
    case 403:
      return new PermissionError(init);
    case 404:
      return new NotFoundError(init);
    case 409:
      return new InvalidStateError(init);
    case 413:
      return new PayloadTooLargeError(init);
    case 429: {
      const after = Number(response.headers.get('retry-after'));
      return new RateLimitError({ ...init, retryAfter: Number.isFinite(after) && after > 0 ? after : undefined });
    }
    default:
      return new ServerError(init);
  }
}

export class OmniMessaging {
  readonly #options: OmniMessagingOptions;

  constructor(options: OmniMessagingOptions) {
    this.#options = options;
  }

  /** The inbox's calls with this agent's token; `{user_id}` is the session's user. */
  forSession(session: AgentSession): MessagingApi {
    const call = <R extends RouteDef>(route: R, input: Call = {}) =>
      this.#call(session, route, { ...input, params: { user_id: session.userId, ...input.params } });
    return {
      conversations: (query) => call(listConversations, { query: { ...query, user_id: session.userId } }),
      conversation: (conversationId) => call(getConversation, { params: { conversation_id: conversationId } }),
      messages: (conversationId, query) => call(listMessages, { params: { conversation_id: conversationId }, query }),
      message: (messageId) => call(getMessage, { params: { message_id: messageId } }),
      send: (body) => call(sendMessage, { body }),
      markRead: (conversationId) => call(markConversationRead, { params: { conversation_id: conversationId } }),
      close: (conversationId, body) => call(closeConversation, { params: { conversation_id: conversationId }, body }),
      campaigns: () => call(listMessagingCampaigns),
      campaign: (campaignId) => call(getMessagingCampaign, { params: { campaign_id: campaignId } }),
      agent: () => call(getMessagingAgent),
      join: (campaignId) => call(joinMessaging, { body: { campaign_id: campaignId } }),
      leave: () => call(leaveMessaging),
      state: (body) => call(setMessagingState, { body }),
      approvedTemplates: () => call(listTemplates, { query: { template_status: 'approved' } }),
    };
  }

  async #call<R extends RouteDef>(session: AgentSession, route: R, input: Call): Promise<Answer<R>> {
    const path = buildPath(route.path, input.params ?? {});
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(input.query ?? {}))
      if (value !== undefined) search.set(name, String(value));
    const url = `${this.#options.baseUrl}${path}${search.size > 0 ? `?${search}` : ''}`;
    const headers: Record<string, string> = {
      authorization: `Key=${this.#options.systemKey}`,
      tokenKey: session.tokenKey,
      accept: 'application/json',
    };
    if (input.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await (this.#options.fetch ?? fetch)(
        new Request(url, {
          method: route.method,
          headers,
          ...(input.body === undefined ? {} : { body: JSON.stringify(input.body) }),
          signal: AbortSignal.timeout(this.#options.timeoutMs ?? 15_000),
        }),
      );
    } catch (cause) {
      throw new ConnectionError({ routeId: route.id, method: route.method, path, neverSent: false, cause });
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }
    if (!response.ok) throw refusal(route, path, response, body);
    const schema = route.responses[200];
    const parsed = (schema as z.ZodType).safeParse(body);
    if (!parsed.success)
      throw new ResponseValidationError({
        routeId: route.id,
        method: route.method,
        path,
        status: response.status,
        issues: parsed.error.issues.map((issue) => ({
          path: issue.path.map(String).join('.'),
          message: issue.message,
        })),
        body,
      });
    return parsed.data as Answer<R>;
  }
}
