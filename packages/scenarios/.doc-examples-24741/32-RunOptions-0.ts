import { createInprocTarget, WebhookReceiver, type RunOptions } from '@omnikit/scenarios';

const receiver = new WebhookReceiver();
await receiver.start();
const options: RunOptions = { target: await createInprocTarget(), receiver, onProgress: (line) => console.error(line) };
