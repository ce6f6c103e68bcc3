import { findProxyTap, WebhookReceiver } from '@omnikit/scenarios';

const tap = await findProxyTap('http://127.0.0.1:4011');
if (tap) {
  const receiver = new WebhookReceiver();
  await receiver.start();
  await tap.forwardTo(receiver.inbox().url); // then give Omni tap.endpointUrl
  await tap.restore();
  await receiver.close();
}
