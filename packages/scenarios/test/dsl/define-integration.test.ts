import { describe, expect, it } from 'vitest';
import { defineIntegration, isIntegration } from '../../src/dsl/define-integration.js';
import { library } from '../../src/library/index.js';

describe('defineIntegration', () => {
  it('defineIntegration refuses a run without a name or function', () => {
    expect(() => defineIntegration({ name: ' ', run: async () => {} })).toThrow(/needs a name/);
    expect(() => defineIntegration({ name: 'x', run: 'no' as never })).toThrow(/needs a run function/);
    expect(() => defineIntegration({ name: 'x', seed: -1, run: async () => {} })).toThrow(/seed must be/);
  });

  it('gives what the loader tells from a scenario by its kind', () => {
    const i = defineIntegration({ name: ' my CRM ', run: async () => {} });
    expect(i).toMatchObject({ kind: 'integration', name: 'my CRM', description: '', seed: 1 });
    expect(isIntegration(i)).toBe(true);
    expect(library.some(isIntegration)).toBe(false);
    expect(isIntegration({ kind: 'integration', name: 'x' })).toBe(false);
  });
});
