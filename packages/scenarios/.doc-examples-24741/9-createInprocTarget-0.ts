import { createInprocTarget, library, runSuite } from '@omnikit/scenarios';

const target = await createInprocTarget();
const report = await runSuite(library, { target });
await target.close();
