import type { TargetSystem } from '@omnikit/scenarios';

const canUseMagicNumbers = (system: TargetSystem) => system.capabilities.magicNumbers;
