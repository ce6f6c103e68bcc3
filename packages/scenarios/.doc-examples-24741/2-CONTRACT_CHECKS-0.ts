import { CONTRACT_CHECKS, createInprocTarget, runContractSuite } from '@omnikit/scenarios';

const checks = CONTRACT_CHECKS.filter((c) => c.subject.startsWith('POST /omni/user/'));
const report = await runContractSuite(await createInprocTarget(), { checks });
