import { createInprocTarget, formatSuiteTable, library, runSuite } from '@omnikit/scenarios';

const target = await createInprocTarget();
const report = await runSuite(library, { target });
console.log(formatSuiteTable(report));
await target.close();
