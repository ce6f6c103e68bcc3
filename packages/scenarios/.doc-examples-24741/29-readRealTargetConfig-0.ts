import { readRealTargetConfig } from '@omnikit/scenarios';

const read = readRealTargetConfig(process.env);
if (!read.ok) throw new Error(read.error); // names each variable that is missing or malformed
