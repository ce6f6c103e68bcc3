import { OmniClient } from '@omnikit/sdk';
import { createInprocTarget } from '@omnikit/scenarios';

const target = await createInprocTarget();
const system = await target.open({ seed: 1, clock: 'manual' });
const client = new OmniClient({ baseUrl: system.baseUrl, systemKey: system.systemKey, fetch: system.fetch });
await system.close();
await target.close();
