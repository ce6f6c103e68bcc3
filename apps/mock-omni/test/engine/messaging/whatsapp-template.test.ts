import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/engine/domain-error.js';
import {
  renderWhatsappTemplate,
  reviewWhatsappTemplate,
  submitWhatsappTemplate,
  templateVariableCount,
  type WhatsappTemplate,
  type WhatsappTemplateDefinition,
  whatsappTemplateDefinitionErrors,
} from '../../../src/engine/messaging/whatsapp-template.js';

const ORDER: WhatsappTemplateDefinition = {
  name: 'order_update',
  language: 'en_US',
  category: 'UTILITY',
  body: 'Hi {{1}}, your order {{2}} ships today. Reply to this message if {{1}} has questions.',
};

const approved = (def: WhatsappTemplateDefinition): WhatsappTemplate =>
  reviewWhatsappTemplate(submitWhatsappTemplate(def), { status: 'approved' });

describe('template definitions', () => {
  it('counts variables by the highest number, a repeated one once', () => {
    expect(templateVariableCount(ORDER.body)).toBe(2);
    expect(templateVariableCount('No variables here.')).toBe(0);
    expect(templateVariableCount('a {{3}} b {{1}} c {{2}} d')).toBe(3);
  });

  it('a well-formed definition has no errors and is submitted pending', () => {
    expect(whatsappTemplateDefinitionErrors(ORDER)).toEqual([]);
    expect(submitWhatsappTemplate(ORDER)).toEqual({ ...ORDER, status: 'pending', rejectedReason: null });
  });

  it.each([
    ['a name with capitals', { name: 'Order_Update' }, 'name'],
    ['a name with a dash', { name: 'order-update' }, 'name'],
    ['an empty name', { name: '' }, 'name'],
    ['a name over 512 characters', { name: 'a'.repeat(513) }, 'name'],
    ['a language that is no code', { language: 'English' }, 'language'],
    ['a language with a lower-case region', { language: 'en_us' }, 'language'],
    ['an empty body', { body: '   ' }, 'body'],
    ['a body over 1024 characters', { body: `Hello ${'x'.repeat(1_020)}` }, 'body'],
    ['a gap in the variables', { body: 'Hi {{1}}, see {{3}} now.' }, 'body'],
    ['a variable that is no number', { body: 'Hi {{name}}, welcome.' }, 'body'],
    ['a variable numbered 0', { body: 'Hi {{0}}, welcome.' }, 'body'],
    ['a body that begins with a variable', { body: '{{1}}, your order shipped.' }, 'body'],
    ['a body that ends with a variable', { body: 'Your code is {{1}}' }, 'body'],
  ])('%s is refused on its field', (_what, change, field) => {
    const def = { ...ORDER, ...change };
    expect(whatsappTemplateDefinitionErrors(def).map((e) => e.field)).toContain(field);
    expect(() => submitWhatsappTemplate(def)).toThrow(DomainError);
    try {
      submitWhatsappTemplate(def);
    } catch (e) {
      expect((e as DomainError).code).toBe('VALIDATION_FAILED');
      expect((e as DomainError).errors?.map((x) => x.field)).toContain(field);
    }
  });

  it('white space inside the braces is tolerated, as the contracts tolerate it', () => {
    expect(whatsappTemplateDefinitionErrors({ ...ORDER, body: 'Hi {{ 1 }}, welcome to {{2}}.' })).toEqual([]);
    expect(templateVariableCount('Hi {{ 1 }}, welcome to {{2}}.')).toBe(2);
    const registry = [approved({ ...ORDER, body: 'Hi {{ 1 }}, welcome to {{2}}.' })];
    expect(
      renderWhatsappTemplate(registry, { name: 'order_update', language: 'en_US', parameters: ['Ann', 'Omni'] }),
    ).toEqual({
      ok: true,
      text: 'Hi Ann, welcome to Omni.',
    });
  });

  it('the gap message names the missing variable', () => {
    expect(whatsappTemplateDefinitionErrors({ ...ORDER, body: 'a {{1}} b {{3}} c' })[0]?.message).toContain('{{2}}');
  });
});

describe('review: pending → approved | rejected, once', () => {
  it('approves or rejects a pending template', () => {
    const pending = submitWhatsappTemplate(ORDER);
    expect(reviewWhatsappTemplate(pending, { status: 'approved' }).status).toBe('approved');
    expect(reviewWhatsappTemplate(pending, { status: 'rejected', reason: 'INVALID_FORMAT' })).toMatchObject({
      status: 'rejected',
      rejectedReason: 'INVALID_FORMAT',
    });
  });

  it('a reviewed template cannot be reviewed again (INVALID_STATE)', () => {
    const done = approved(ORDER);
    expect(() => reviewWhatsappTemplate(done, { status: 'rejected', reason: 'x' })).toThrowError(
      expect.objectContaining({ code: 'INVALID_STATE' }),
    );
  });
});

describe('sending a template', () => {
  const registry: WhatsappTemplate[] = [
    approved(ORDER),
    approved({ ...ORDER, language: 'af', body: 'Hallo {{1}}, jou bestelling {{2}} word vandag gestuur.' }),
    submitWhatsappTemplate({ ...ORDER, name: 'welcome_offer', category: 'MARKETING', body: 'Welcome {{1}}!' }),
    reviewWhatsappTemplate(
      submitWhatsappTemplate({ ...ORDER, name: 'bad_one', category: 'MARKETING', body: 'Buy {{1}} now!' }),
      { status: 'rejected', reason: 'PROMOTIONAL' },
    ),
    approved({ ...ORDER, name: 'plain_notice', body: 'Our offices are closed today.' }),
  ];

  it('renders every occurrence of each variable', () => {
    expect(
      renderWhatsappTemplate(registry, { name: 'order_update', language: 'en_US', parameters: ['Ann', 'A-17'] }),
    ).toEqual({
      ok: true,
      text: 'Hi Ann, your order A-17 ships today. Reply to this message if Ann has questions.',
    });
  });

  it('picks the template of the requested language', () => {
    const r = renderWhatsappTemplate(registry, { name: 'order_update', language: 'af', parameters: ['Ann', 'A-17'] });
    expect(r).toEqual({ ok: true, text: 'Hallo Ann, jou bestelling A-17 word vandag gestuur.' });
  });

  it('a template without variables takes no parameters', () => {
    expect(renderWhatsappTemplate(registry, { name: 'plain_notice', language: 'en_US', parameters: [] })).toEqual({
      ok: true,
      text: 'Our offices are closed today.',
    });
  });

  it('a value that looks like a variable is not expanded again', () => {
    const r = renderWhatsappTemplate(registry, { name: 'order_update', language: 'en_US', parameters: ['{{2}}', 'X'] });
    expect(r).toEqual({
      ok: true,
      text: 'Hi {{2}}, your order X ships today. Reply to this message if {{2}} has questions.',
    });
  });

  const refused = (send: { name: string; language: string; parameters: string[] }) => {
    const r = renderWhatsappTemplate(registry, send);
    return r.ok ? 'ok' : `${r.refusal.code} ${r.refusal.field} ${r.refusal.error.code}`;
  };

  it.each([
    ['an unknown name', { name: 'nope', language: 'en_US', parameters: [] }, 'NOT_FOUND template.template_name 132001'],
    [
      'a language it is not in',
      { name: 'order_update', language: 'pt_BR', parameters: ['a', 'b'] },
      'NOT_FOUND template.template_name 132001',
    ],
    [
      'a pending template',
      { name: 'welcome_offer', language: 'en_US', parameters: ['a'] },
      'TEMPLATE_NOT_APPROVED template.template_name 132001',
    ],
    [
      'a rejected template',
      { name: 'bad_one', language: 'en_US', parameters: ['a'] },
      'TEMPLATE_NOT_APPROVED template.template_name 132001',
    ],
    [
      'too few variables',
      { name: 'order_update', language: 'en_US', parameters: ['Ann'] },
      'TEMPLATE_VARIABLES_MISMATCH template.variables 132000',
    ],
    [
      'too many variables',
      { name: 'order_update', language: 'en_US', parameters: ['a', 'b', 'c'] },
      'TEMPLATE_VARIABLES_MISMATCH template.variables 132000',
    ],
    [
      'variables to a template without any',
      { name: 'plain_notice', language: 'en_US', parameters: ['a'] },
      'TEMPLATE_VARIABLES_MISMATCH template.variables 132000',
    ],
    [
      'an empty variable',
      { name: 'order_update', language: 'en_US', parameters: ['Ann', ''] },
      'VALIDATION_FAILED template.variables.1 131009',
    ],
    [
      'a blank variable',
      { name: 'order_update', language: 'en_US', parameters: ['  ', 'x'] },
      'VALIDATION_FAILED template.variables.0 131009',
    ],
    [
      'a variable with a new line',
      { name: 'order_update', language: 'en_US', parameters: ['a\nb', 'x'] },
      'VALIDATION_FAILED template.variables.0 131009',
    ],
    [
      'a variable with a tab',
      { name: 'order_update', language: 'en_US', parameters: ['a\tb', 'x'] },
      'VALIDATION_FAILED template.variables.0 131009',
    ],
    [
      'five spaces in a row',
      { name: 'order_update', language: 'en_US', parameters: ['a     b', 'x'] },
      'VALIDATION_FAILED template.variables.0 131009',
    ],
  ])('%s → %s', (_what, send, expected) => {
    expect(refused(send)).toBe(expected);
  });

  it('four spaces in a row are allowed', () => {
    expect(refused({ name: 'order_update', language: 'en_US', parameters: ['a    b', 'x'] })).toBe('ok');
  });

  it('the refusal says what was wrong', () => {
    const r = renderWhatsappTemplate(registry, { name: 'welcome_offer', language: 'en_US', parameters: ['a'] });
    expect(r.ok ? '' : r.refusal.detail).toContain('pending');
    const c = renderWhatsappTemplate(registry, { name: 'order_update', language: 'en_US', parameters: ['a'] });
    expect(c.ok ? '' : c.refusal.detail).toContain('takes 2 variable(s); 1 given');
  });
});
