import { createControlClient } from '@omnikit/scenarios';

const control = createControlClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key', fetch: (r) => fetch(r) });
await control.call('registerPhone', { params: { extension: '1001' } });
await control.call('advanceClock', { body: { ms: 60_000 } });
