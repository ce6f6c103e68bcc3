import { describe, expect, it } from 'vitest';
import {
  ApiError,
  AuthenticationError,
  ConnectionError,
  InvalidStateError,
  MessageTagRequiredError,
  NotFoundError,
  OmniClient,
  OmniError,
  PayloadTooLargeError,
  PermissionError,
  RateLimitError,
  RecipientOptedOutError,
  ServerError,
  TemplateNotApprovedError,
  TemplateRequiredError,
  TemplateVariablesError,
  TimeoutError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../src/index.js';
import { json, omniError, T0, tokenData } from './support/fake-fetch.js';

function agentWith(answer: () => Response) {
  const client = new OmniClient({
    baseUrl: 'http://omni.test',
    systemKey: 'k',
    fetch: async () => answer(),
    now: () => T0,
    maxRetries: 0,
  });
  return client.agent(client.restoreSession(tokenData('t', T0 + 3600_000, 3)));
}

/** status + error_code → the class, from B.2's closed list. */
const TABLE = [
  [400, 'VALIDATION_FAILED', ValidationError],
  [401, 'MISSING_SYSTEM_KEY', AuthenticationError],
  [401, 'INVALID_SYSTEM_KEY', AuthenticationError],
  [401, 'MISSING_TOKEN', AuthenticationError],
  [401, 'INVALID_TOKEN', AuthenticationError],
  [401, 'TOKEN_EXPIRED', AuthenticationError],
  [403, 'FORBIDDEN_USER', PermissionError],
  [403, 'FORBIDDEN_ORIGIN', PermissionError],
  [404, 'NOT_FOUND', NotFoundError],
  [404, 'ROUTE_NOT_FOUND', NotFoundError],
  [409, 'INVALID_STATE', InvalidStateError],
  [409, 'EXTENSION_NOT_REGISTERED', InvalidStateError],
  [409, 'AGENT_NOT_LOGGED_IN', InvalidStateError],
  [413, 'PAYLOAD_TOO_LARGE', PayloadTooLargeError],
  [415, 'UNSUPPORTED_MEDIA_TYPE', UnsupportedMediaTypeError],
  [429, 'RATE_LIMITED', RateLimitError],
  [409, 'WINDOW_CLOSED_TEMPLATE_REQUIRED', TemplateRequiredError],
  [409, 'MESSAGE_TAG_REQUIRED', MessageTagRequiredError],
  [409, 'RECIPIENT_OPTED_OUT', RecipientOptedOutError],
  [409, 'TEMPLATE_NOT_APPROVED', TemplateNotApprovedError],
  [400, 'TEMPLATE_VARIABLES_MISMATCH', TemplateVariablesError],
  [500, 'INTERNAL', ServerError],
  [503, 'SERVICE_UNAVAILABLE', ServerError],
] as const;

describe('errors', () => {
  for (const [status, code, kind] of TABLE) {
    it(`${status} ${code} → ${kind.name}`, async () => {
      const agent = agentWith(() => omniError(status, code, `it failed: ${code}`));
      const error = await agent.calls.hold(12).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(kind);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toBeInstanceOf(OmniError);
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({
        name: kind.name,
        status,
        errorCode: code,
        detail: `it failed: ${code}`,
        method: 'POST',
        path: '/omni/voice/3/call/12/hold',
        routeId: 'holdCall',
      });
      expect((error as Error).message).toBe(
        `POST /omni/voice/3/call/12/hold failed with ${status} ${code}: it failed: ${code}`,
      );
    });
  }

  it('a validation error carries the field errors', async () => {
    const agent = agentWith(() =>
      omniError(400, 'VALIDATION_FAILED', 'the body is not valid', {
        errors: [
          { field: 'phone_number', message: 'must be 3 to 16 digits with an optional leading +' },
          { field: 'lead_id', message: 'must be a positive integer' },
        ],
      }),
    );
    const error = (await agent.calls.make({ phone_number: 'x' }).catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fieldErrors).toEqual([
      { field: 'phone_number', message: 'must be 3 to 16 digits with an optional leading +' },
      { field: 'lead_id', message: 'must be a positive integer' },
    ]);
  });

  it('a rate limit carries Retry-After in seconds', async () => {
    const agent = agentWith(
      () =>
        new Response(JSON.stringify({ success: false, detail: 'slow down', error_code: 'RATE_LIMITED' }), {
          status: 429,
          headers: { 'Retry-After': '12' },
        }),
    );
    const error = (await agent.calls.make({ phone_number: '0800555001' }).catch((e: unknown) => e)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfter).toBe(12);
  });

  it('maps /vicidial/* answers: message, http_code, lead_errors and lead_ids', async () => {
    const bad = agentWith(() =>
      json(400, {
        message: 'lead_ids cannot contain duplicate values',
        lead_errors: 2,
        lead_ids: [5, 6],
        http_code: 400,
      }),
    );
    const error = (await bad.archive
      .archive({ insert_leads: true, update_leads: false, delete_leads: true, lead_ids: [5, 5, 6, 6] })
      .catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      status: 400,
      errorCode: undefined,
      detail: 'lead_ids cannot contain duplicate values',
      leadErrors: 2,
      leadIds: [5, 6],
      path: '/vicidial/leads/archive',
      method: 'POST',
    });
    const hours = agentWith(() =>
      json(403, { message: 'api cannot be executed during office hours time condition', http_code: 403 }),
    );
    const forbidden = await hours.archive
      .archive({ insert_leads: true, update_leads: false, delete_leads: false, lead_ids: [1] })
      .catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(PermissionError);
    expect(forbidden).toMatchObject({ detail: 'api cannot be executed during office hours time condition' });
  });

  it('a body that is not Omni’s still gives a readable error', async () => {
    const proxy = agentWith(() => new Response('<html>Bad Gateway</html>', { status: 502 }));
    const error = (await proxy.get({ maxRetries: 0 }).catch((e: unknown) => e)) as ServerError;
    expect(error).toBeInstanceOf(ServerError);
    expect(error.errorCode).toBeUndefined();
    expect(error.detail).toBe('<html>Bad Gateway</html>');
    const empty = agentWith(() => new Response(null, { status: 418 }));
    const teapot = (await empty.get().catch((e: unknown) => e)) as ApiError;
    expect(teapot.constructor).toBe(ApiError);
    expect(teapot.detail).toBe('HTTP 418 with an empty body');
  });

  it('unknown error codes are not passed off as known ones', async () => {
    const agent = agentWith(() => json(409, { success: false, detail: 'x', error_code: 'SOMETHING_NEW' }));
    const error = (await agent.logout().catch((e: unknown) => e)) as InvalidStateError;
    expect(error).toBeInstanceOf(InvalidStateError);
    expect(error.errorCode).toBeUndefined();
  });

  it('connection and timeout errors share ConnectionError', () => {
    const timeout = new TimeoutError({ routeId: 'getUser', method: 'GET', path: '/omni/users/1', timeoutMs: 5 });
    expect(timeout).toBeInstanceOf(ConnectionError);
    expect(timeout).toBeInstanceOf(OmniError);
    expect(timeout.name).toBe('TimeoutError');
    expect(timeout.neverSent).toBe(false);
  });
});
