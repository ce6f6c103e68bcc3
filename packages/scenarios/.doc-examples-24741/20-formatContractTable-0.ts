import { createInprocTarget, formatContractTable, runContractSuite } from '@omnikit/scenarios';

console.log(formatContractTable(await runContractSuite(await createInprocTarget())));
