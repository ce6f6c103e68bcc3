import { createRealTarget, formatContractTable, readRealTargetConfig, runContractSuite } from '@omnikit/scenarios';

const read = readRealTargetConfig(process.env);
if (read.ok) console.log(formatContractTable(await runContractSuite(createRealTarget(read.config))));
