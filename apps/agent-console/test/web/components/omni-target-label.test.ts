import { describe, expect, it } from 'vitest';
import { omniTargetLabel } from '../../../src/web/components/omni-target-label.js';

describe('the sign-in page’s line about Omni', () => {
  it.each(['mock', 'omni'] as const)(
    'names where Omni is for %s, without claiming a connection nothing checked',
    (target) => {
      const label = omniTargetLabel(target);
      expect(label).toMatch(/Omni/);
      expect(label).not.toMatch(/connect/i);
    },
  );

  it('says when it is the mock', () => {
    expect(omniTargetLabel('mock')).toBe('The Omni mock at');
    expect(omniTargetLabel('omni')).toBe('Omni at');
  });
});
