/**
 * The demo data's faker: one English instance, repeatable by seed; loaded ahead with `import()` where a
 * module loader cannot `require` an ES module (jest's), else on first use.
 *
 * @module
 */

import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoFaker } from '../../src/runtime/demo-faker.js';

describe('demoFaker', () => {
  afterEach(() => {
    vi.doUnmock('node:module');
    vi.resetModules();
  });

  it('is one English faker instance, loaded once, that a seed makes repeatable', () => {
    const faker = demoFaker();
    expect(demoFaker()).toBe(faker);
    expect(faker.rawDefinitions.metadata?.code).toBe('en');
    faker.seed(7);
    const first = [faker.person.fullName(), faker.location.city()];
    faker.seed(7);
    expect([faker.person.fullName(), faker.location.city()]).toEqual(first);
  });

  it('preloaded with import(), it never needs require (which a loader such as jest’s refuses)', async () => {
    vi.resetModules();
    vi.doMock('node:module', async (original) => ({
      ...(await original<typeof import('node:module')>()),
      createRequire: () => () => {
        throw new Error('Must use import to load ES Module');
      },
    }));
    const fresh = await import('../../src/runtime/demo-faker.js');
    expect(() => fresh.demoFaker()).toThrow(/Must use import/);
    await fresh.preloadDemoFaker();
    expect(fresh.demoFaker().rawDefinitions.metadata?.code).toBe('en');
  });
});
