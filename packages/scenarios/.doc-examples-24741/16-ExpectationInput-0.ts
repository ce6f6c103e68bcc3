import { check, m, type ExpectationInput } from '@omnikit/scenarios';

const expectations: ExpectationInput[] = [check.agent('a1', { agent_state: 'ready' }), check.cdr('c', { talk_time: m.gt(0) })];
