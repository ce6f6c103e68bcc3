import { WebhookReceiver } from '@omnikit/scenarios';

const receiver = new WebhookReceiver(process.env.OMNI_WEBHOOK_PUBLIC_URL); // a tunnel, when Omni cannot reach this machine
await receiver.start();
const inbox = receiver.inbox('a-signing-secret');
console.log(inbox.url);
await receiver.close();
