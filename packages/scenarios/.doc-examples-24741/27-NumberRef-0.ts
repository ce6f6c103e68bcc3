import type { NumberRef } from '@omnikit/scenarios';

const busy: NumberRef = '0800555002';
const firstTestNumber: NumberRef = { test: 0 };
