import { readFile } from 'node:fs/promises';
import { scenarioSchema } from '@omnikit/scenarios';

const parsed = scenarioSchema.safeParse(JSON.parse(await readFile('my-case.json', 'utf8')));
if (!parsed.success) console.error(parsed.error.issues);
