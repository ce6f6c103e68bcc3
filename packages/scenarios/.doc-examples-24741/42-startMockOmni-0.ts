import { startMockOmni, type MockOmniFixture } from '@omnikit/scenarios';
import { afterAll, beforeAll } from 'vitest';

let omni: MockOmniFixture;
beforeAll(async () => {
  omni = await startMockOmni({ seed: 7 });
});
afterAll(() => omni.close());
