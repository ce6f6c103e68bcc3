import { createInprocTarget, type SuiteOptions } from '@omnikit/scenarios';

const options: SuiteOptions = { target: await createInprocTarget(), seed: 7, onProgress: (line) => console.error(line) };
