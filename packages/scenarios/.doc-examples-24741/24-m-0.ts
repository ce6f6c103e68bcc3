import { check, m } from '@omnikit/scenarios';

check.cdr('call', {
  call_id: m.ref('call'), // the id the run gave the call named "call"
  hold_time: m.between(2_900, 3_500),
  dispostion_code: m.oneOf('SALE', 'NI'),
});
