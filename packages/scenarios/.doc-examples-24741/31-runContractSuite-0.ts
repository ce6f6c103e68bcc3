import { createInprocTarget, runContractSuite } from '@omnikit/scenarios';

const target = await createInprocTarget();
const report = await runContractSuite(target, { onProgress: (line) => console.error(line) });
if (report.counts.differs > 0) process.exitCode = 1;
await target.close();
