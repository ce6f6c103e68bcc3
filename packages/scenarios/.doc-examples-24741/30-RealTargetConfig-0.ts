import { readRealTargetConfig, type RealTargetConfig } from '@omnikit/scenarios';

const read = readRealTargetConfig(process.env);
const config: RealTargetConfig | undefined = read.ok ? read.config : undefined;
console.log(config ? `${config.testNumbers.length} test numbers` : read.ok || read.error);
