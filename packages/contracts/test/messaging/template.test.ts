import { describe, expect, it } from 'vitest';
import {
  createTemplateBody,
  reviewTemplateBody,
  templatePlaceholders,
  templateVariableCount,
} from '../../src/messaging/index.js';
import { failsAt } from '../support/field-table.js';

describe('the WhatsApp template registry’s bodies (B.12.4)', () => {
  const valid = {
    template_name: 'order_update',
    language: 'en_US',
    category: 'UTILITY',
    body: 'Hi {{1}}, order {{2}} shipped',
  };

  it('counts a body’s placeholders, a repeated one once', () => {
    expect(templatePlaceholders('Hi {{1}}, {{2}} and {{ 1 }} again')).toEqual([1, 2]);
    expect(templateVariableCount('No variables')).toBe(0);
    expect(templateVariableCount(valid.body)).toBe(2);
  });

  it('accepts a template numbered {{1}}..{{n}}', () => {
    expect(createTemplateBody.safeParse(valid).error?.issues ?? []).toEqual([]);
  });

  it('refuses placeholders with a gap or not starting at 1, at `body`', () => {
    expect(failsAt(createTemplateBody.safeParse({ ...valid, body: 'Hi {{1}} {{3}}' }), 'body')).toBe(true);
    expect(failsAt(createTemplateBody.safeParse({ ...valid, body: 'Hi {{2}}' }), 'body')).toBe(true);
  });

  it('refuses a name with capitals or spaces, an unknown category, a bad language', () => {
    expect(failsAt(createTemplateBody.safeParse({ ...valid, template_name: 'Order update' }), 'template_name')).toBe(
      true,
    );
    expect(failsAt(createTemplateBody.safeParse({ ...valid, category: 'PROMO' }), 'category')).toBe(true);
    expect(failsAt(createTemplateBody.safeParse({ ...valid, language: 'EN' }), 'language')).toBe(true);
    expect(failsAt(createTemplateBody.safeParse({ ...valid, body: '' }), 'body')).toBe(true);
  });

  it('a review approves or rejects; a reason only with rejected', () => {
    expect(reviewTemplateBody.safeParse({ template_status: 'approved' }).success).toBe(true);
    expect(
      reviewTemplateBody.safeParse({ template_status: 'rejected', rejected_reason: 'INVALID_FORMAT' }).success,
    ).toBe(true);
    expect(failsAt(reviewTemplateBody.safeParse({ template_status: 'pending' }), 'template_status')).toBe(true);
    expect(
      failsAt(reviewTemplateBody.safeParse({ template_status: 'approved', rejected_reason: 'x' }), 'rejected_reason'),
    ).toBe(true);
  });
});
