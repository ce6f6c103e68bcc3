import { WebhookReceiver, type Inbox } from '@omnikit/scenarios';

const receiver = new WebhookReceiver();
await receiver.start();
const inbox: Inbox = receiver.inbox('a-signing-secret');
// Set inbox.url (with the secret) as the system's notification endpoint, then:
const cdr = await inbox.waitFor((n) => n.type === 'cdr', 10_000);
await receiver.close();
