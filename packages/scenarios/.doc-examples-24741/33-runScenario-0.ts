import { readFile } from 'node:fs/promises';
import { createInprocTarget, defineScenario, runScenario, WebhookReceiver } from '@omnikit/scenarios';

const scenario = defineScenario(JSON.parse(await readFile('my-case.json', 'utf8')));
const target = await createInprocTarget();
const receiver = new WebhookReceiver();
await receiver.start();
const result = await runScenario(scenario, { target, receiver });
console.log(result.status, result.message ?? '');
await receiver.close();
await target.close();
