import { readFileSync } from 'node:fs';
import { VARIATION_AXES } from '@omnikit/contracts/variants';
import { describe, expect, it } from 'vitest';
import { renderVariantsDoc } from '../scripts/variants-doc.js';

/** docs/variants.md is written from VARIATION_AXES: stale when an axis, value or word of them changes. */
describe('docs/variants.md', () => {
  const file = readFileSync(new URL('../docs/variants.md', import.meta.url), 'utf8');

  it('is what the generator writes now (run `npm run docs:variants -w @omnikit/mock-omni`)', () => {
    expect(file).toBe(renderVariantsDoc());
  });

  it('lists every value of every axis with its effect and why it is plausible, the default marked', () => {
    for (const axis of VARIATION_AXES) {
      expect(file).toContain(`### \`${axis.name}\``);
      axis.values.forEach((v, i) => {
        expect(file).toContain(`| \`${v.name}\`${i === 0 ? ' (default)' : ''} | ${v.effect} | ${v.plausible} |`);
      });
    }
  });
});
