import { step, testNumber } from '@omnikit/scenarios';

const steps = [
  step.online('a1', 'c2d'), // authorize, register the phone, log in, ready
  step.dial('a1', 'call', testNumber(0)),
  step.advance(3_000),
  step.hangup('a1', 'call'),
  step.dispose('a1', 'call', 'SALE'),
];
