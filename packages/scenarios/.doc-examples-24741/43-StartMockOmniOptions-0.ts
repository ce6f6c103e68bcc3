import { startMockOmni, type StartMockOmniOptions } from '@omnikit/scenarios';

const options: StartMockOmniOptions = { seed: 7, clock: 'manual', clockStart: '2026-03-02T09:00:00.000Z' };
const omni = await startMockOmni(options);
