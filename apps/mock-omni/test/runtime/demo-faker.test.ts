import { describe, expect, it } from 'vitest';
import { demoFaker } from '../../src/runtime/demo-faker.js';

describe('demoFaker', () => {
  it('is one English faker instance, loaded once, that a seed makes repeatable', () => {
    const faker = demoFaker();
    expect(demoFaker()).toBe(faker);
    expect(faker.rawDefinitions.metadata?.code).toBe('en');
    faker.seed(7);
    const first = [faker.person.fullName(), faker.location.city()];
    faker.seed(7);
    expect([faker.person.fullName(), faker.location.city()]).toEqual(first);
  });
});
