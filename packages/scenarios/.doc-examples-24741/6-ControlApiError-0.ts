import { ControlApiError, createControlClient } from '@omnikit/scenarios';

const control = createControlClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key', fetch: (r) => fetch(r) });
try {
  await control.call('registerPhone', { params: { extension: '9999' } });
} catch (error) {
  if (error instanceof ControlApiError) console.error(error.status, error.body);
}
