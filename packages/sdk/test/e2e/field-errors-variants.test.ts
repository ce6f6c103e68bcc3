import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentResources, NotFoundError, ValidationError } from '../../src/index.js';
import { type MockTarget, startTarget } from '../support/mock-target.js';

/**
 * Which field failed and why comes out as `fieldErrors` whether Omni answers with the status and code (`coded`) or
 * HTTP 200 `{ success: false, detail, errors }` (`ok-false`: the field errors beside the detail, inferred), against a
 * mock listening on 127.0.0.1. `status-only` keeps the documented `{ success, detail }` body alone: no list there.
 */
const LEAD_ERRORS = [
  { field: 'other_info', message: 'is required' },
  { field: 'phone_numbers', message: 'is required' },
];

describe.each(['coded', 'ok-false', 'status-only'] as const)('field errors under errors=%s', (form) => {
  let target: MockTarget;
  let agent: AgentResources;

  beforeAll(async () => {
    target = await startTarget('http', { vary: `errors=${form}` });
    const client = target.client({ maxRetries: 0 });
    agent = client.agent(await client.authorize('agent1', 'password1'));
  });
  afterAll(() => target.close());

  it('a lead missing two fields: a ValidationError naming both, not only the detail’s first', async () => {
    const error = await agent.leads.add({ list_id: 1 } as Parameters<AgentResources['leads']['add']>[0]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).detail).toBe('invalid body fields: other_info is required (and 1 more)');
    expect((error as ValidationError).status).toBe(form === 'ok-false' ? 200 : 400);
    expect((error as ValidationError).fieldErrors).toEqual(form === 'status-only' ? [] : LEAD_ERRORS);
  });

  it('a lead for an unknown list: a NotFoundError naming list_id', async () => {
    const error = await agent.leads
      .add({ list_id: 999, other_info: 'x', phone_numbers: [{ phone_number: '0800555001' }] })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(NotFoundError);
    const fields = (error as NotFoundError).fieldErrors.map((f) => f.field);
    expect(fields).toEqual(form === 'status-only' ? [] : ['list_id']);
  });
});
