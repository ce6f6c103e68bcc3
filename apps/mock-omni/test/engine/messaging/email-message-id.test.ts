import { describe, expect, it } from 'vitest';
import { createEmailMessageId, isEmailMessageId } from '../../../src/engine/messaging/email-message-id.js';
import { Rng } from '../../../src/engine/rng.js';

describe('Message-ID', () => {
  it('is <32 hex digits@domain>, the domain lower-cased', () => {
    const id = createEmailMessageId(Rng.fromSeed(1), 'Support.Example.com');
    expect(id).toMatch(/^<[0-9a-f]{32}@support\.example\.com>$/);
    expect(isEmailMessageId(id)).toBe(true);
  });

  it('the same seed gives the same ids in the same order; another seed others', () => {
    const a = Rng.fromSeed('s');
    const b = Rng.fromSeed('s');
    const fromA = [createEmailMessageId(a, 'example.com'), createEmailMessageId(a, 'example.com')];
    const fromB = [createEmailMessageId(b, 'example.com'), createEmailMessageId(b, 'example.com')];
    expect(fromA).toEqual(fromB);
    expect(fromA[0]).not.toBe(fromA[1]);
    expect(createEmailMessageId(Rng.fromSeed('t'), 'example.com')).not.toBe(fromA[0]);
  });

  it('ids do not repeat over many draws', () => {
    const rng = Rng.fromSeed(7);
    const ids = new Set(Array.from({ length: 5_000 }, () => createEmailMessageId(rng, 'example.com')));
    expect(ids.size).toBe(5_000);
  });

  it.each(['', 'exa mple.com', '<x>', 'a@b.com', '-bad.com', 'bad-.com', 'a..b'])('refuses the domain %j', (domain) => {
    expect(() => createEmailMessageId(Rng.fromSeed(1), domain)).toThrowError(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });

  it.each([
    ['<abc@example.com>', true],
    ['abc@example.com', false],
    ['<abc example.com>', false],
    ['<a b@example.com>', false],
    ['<@example.com>', false],
  ])('%s is a message id: %s', (value, ok) => {
    expect(isEmailMessageId(value)).toBe(ok);
  });
});
