import { check, m } from '@omnikit/scenarios';

const expectations = [
  check.notifications('subsequence', [{ type: 'call_state', fields: { call_state: 'answered' } }]),
  check.cdr('call', { dispostion_code: 'SALE', talk_time: m.gte(1_000) }),
];
