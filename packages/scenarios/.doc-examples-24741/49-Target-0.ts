import { createInprocTarget, createRealTarget, readRealTargetConfig, type Target } from '@omnikit/scenarios';

const config = readRealTargetConfig(process.env);
const target: Target = config.ok ? createRealTarget(config.config) : await createInprocTarget();
console.log(`running on ${target.label}`);
