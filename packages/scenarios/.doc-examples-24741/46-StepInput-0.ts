import { step, type StepInput } from '@omnikit/scenarios';

const atWork: StepInput[] = [...step.online('a1', 'c2d'), { do: 'getAgent', agent: 'a1' }];
