import { ERROR_STATUS, type ErrorCode } from '@omnikit/contracts';
import { createFaultBody } from '@omnikit/contracts/control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AgentResources,
  ApiError,
  AuthenticationError,
  InvalidStateError,
  MessageTagRequiredError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionError,
  RateLimitError,
  RecipientOptedOutError,
  ServerError,
  TemplateNotApprovedError,
  TemplateRequiredError,
  TemplateVariablesError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../src/index.js';
import { type MockTarget, startTarget } from '../support/mock-target.js';

/**
 * Every error code the mock's fault injection can answer (`POST /__mock/faults`), met through the sdk against a mock
 * listening on a real port and playing each form of the `errors` axis: the application catches the class of that code
 * whether Omni sends the code (`coded`), the status alone (`status-only`) or HTTP 200 `{ success: false, detail }`
 * (`ok-false`), where only the detail's words are left — the sdk, unchanged, reads them as it reads a real Omni's.
 */

const INJECTABLE = createFaultBody.shape.error_code.unwrap().options as ErrorCode[];

const RULE_CLASS: Partial<Record<ErrorCode, typeof ApiError>> = {
  WINDOW_CLOSED_TEMPLATE_REQUIRED: TemplateRequiredError,
  MESSAGE_TAG_REQUIRED: MessageTagRequiredError,
  RECIPIENT_OPTED_OUT: RecipientOptedOutError,
  TEMPLATE_NOT_APPROVED: TemplateNotApprovedError,
  TEMPLATE_VARIABLES_MISMATCH: TemplateVariablesError,
};

const STATUS_CLASS: Record<number, typeof ApiError> = {
  400: ValidationError,
  401: AuthenticationError,
  403: PermissionError,
  404: NotFoundError,
  409: InvalidStateError,
  413: PayloadTooLargeError,
  415: UnsupportedMediaTypeError,
  429: RateLimitError,
};

/** The class an application catches for `code`: its messaging rule's, else its status's. */
function classOf(code: ErrorCode): typeof ApiError {
  const status = ERROR_STATUS[code];
  return RULE_CLASS[code] ?? STATUS_CLASS[status] ?? (status >= 500 ? ServerError : ApiError);
}

describe.each(['coded', 'status-only', 'ok-false'] as const)('injected faults under errors=%s', (form) => {
  let target: MockTarget;
  let agent: AgentResources;

  beforeAll(async () => {
    target = await startTarget('http', { vary: `errors=${form}` });
    const client = target.client({ maxRetries: 0 });
    agent = client.agent(await client.authorize('agent1', 'password1'));
  });
  afterAll(() => target.close());

  it('covers every code the fault route takes', () => {
    expect(INJECTABLE.length).toBeGreaterThan(20);
    expect(INJECTABLE).toContain('RATE_LIMITED');
    expect(INJECTABLE).not.toContain('ROUTE_NOT_FOUND');
  });

  it.each(INJECTABLE)('%s comes out as the class of its code', async (code) => {
    expect((await target.control('DELETE', '/__mock/faults')).status).toBe(200);
    const added = await target.control('POST', '/__mock/faults', {
      route_id: 'getCampaign',
      error_code: code,
      ...(code === 'RATE_LIMITED' ? { retry_after_seconds: 7 } : {}),
    });
    expect(added.status).toBe(200);
    const error = await agent.campaigns.get(1).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as Error).constructor.name).toBe(classOf(code).name);
    expect((error as ApiError).detail).toMatch(/^injected fault on getCampaign \(fault \d+\)/);
    if (code === 'RATE_LIMITED') expect((error as RateLimitError).retryAfter).toBe(7);
    if (form === 'ok-false' && ERROR_STATUS[code] < 500) expect((error as ApiError).status).toBe(200);
  });
});
