import { m, type FieldMatchers } from '@omnikit/scenarios';

const soldAfterATalk: FieldMatchers = { dispostion_code: 'SALE', talk_time: m.gt(0) };
