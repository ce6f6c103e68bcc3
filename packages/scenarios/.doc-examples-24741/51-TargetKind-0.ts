import type { Target } from '@omnikit/scenarios';

const isMock = (target: Target) => target.kind !== 'real';
