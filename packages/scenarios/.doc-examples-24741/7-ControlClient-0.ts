import { startMockOmni, type ControlClient } from '@omnikit/scenarios';

const omni = await startMockOmni();
const control: ControlClient = omni.control;
const { now_ms } = await control.call('getClock');
await omni.close();
