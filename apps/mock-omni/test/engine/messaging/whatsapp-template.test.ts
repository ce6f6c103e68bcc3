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
  category: 'utility',
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
    ['spaces inside the braces', { body: 'Hi {{ 1 }}, welcome.' }, 'body'],
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
    submitWhatsappTemplate({ ...ORDER, name: 'welcome_offer', category: 'marketing', body: 'Welcome {{1}}!' }),
    reviewWhatsappTemplate(
      submitWhatsappTemplate({ ...ORDER, name: 'bad_one', category: 'marketing', body: 'Buy {{1}} now!' }),
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
    return r.ok ? 'ok' : r.refusal.error.code;
  };

  it.each([
    ['an unknown name', { name: 'nope', language: 'en_US', parameters: [] }, 132001],
    ['a language it is not in', { name: 'order_update', language: 'pt_BR', parameters: ['a', 'b'] }, 132001],
    ['a pending template', { name: 'welcome_offer', language: 'en_US', parameters: ['a'] }, 132001],
    ['a rejected template', { name: 'bad_one', language: 'en_US', parameters: ['a'] }, 132001],
    ['too few parameters', { name: 'order_update', language: 'en_US', parameters: ['Ann'] }, 132000],
    ['too many parameters', { name: 'order_update', language: 'en_US', parameters: ['a', 'b', 'c'] }, 132000],
    [
      'parameters to a template without variables',
      { name: 'plain_notice', language: 'en_US', parameters: ['a'] },
      132000,
    ],
    ['an empty parameter', { name: 'order_update', language: 'en_US', parameters: ['Ann', ''] }, 131009],
    ['a blank parameter', { name: 'order_update', language: 'en_US', parameters: ['  ', 'x'] }, 131009],
    ['a parameter with a new line', { name: 'order_update', language: 'en_US', parameters: ['a\nb', 'x'] }, 131009],
    ['a parameter with a tab', { name: 'order_update', language: 'en_US', parameters: ['a\tb', 'x'] }, 131009],
    ['five spaces in a row', { name: 'order_update', language: 'en_US', parameters: ['a     b', 'x'] }, 131009],
  ])('%s is refused with %s', (_what, send, code) => {
    expect(refused(send)).toBe(code);
  });

  it('four spaces in a row are allowed', () => {
    expect(refused({ name: 'order_update', language: 'en_US', parameters: ['a    b', 'x'] })).toBe('ok');
  });

  it('the refusal says what was wrong', () => {
    const r = renderWhatsappTemplate(registry, { name: 'welcome_offer', language: 'en_US', parameters: ['a'] });
    expect(r.ok ? '' : r.refusal.detail).toContain('pending');
    const c = renderWhatsappTemplate(registry, { name: 'order_update', language: 'en_US', parameters: ['a'] });
    expect(c.ok ? '' : c.refusal.detail).toContain('takes 2 parameter(s); 1 given');
  });
});
