/**
 * What a simulated customer writes back: a short sentence in a customer's words, built from small word lists with
 * the seeded generator, so that a demo's inbox reads like one and the same seed writes the same replies. The lists
 * are ours rather than a fake-data library's: a library's output moves with its version, and a recorded demo or a
 * test that names a reply would break with it.
 *
 * @module
 */

import type { Rng } from '../rng.js';

const OPENERS = ['Hi', 'Hello', 'Hey', 'Thanks', 'Good morning', 'OK', 'Sure', 'Hi there'] as const;
const NOUNS = [
  'order',
  'booking',
  'account',
  'delivery',
  'appointment',
  'invoice',
  'payment',
  'parcel',
  'subscription',
  'refund',
] as const;
const VERBS = ['check', 'update', 'cancel', 'confirm', 'reschedule', 'resend', 'change', 'look at'] as const;
const TIMES = [
  'today',
  'tomorrow',
  'this week',
  'before Friday',
  'as soon as possible',
  'on Monday',
  'this afternoon',
] as const;
const STATES = [
  'has not arrived yet',
  'is still pending',
  'shows the wrong date',
  'was charged twice',
  'looks fine now',
  'needs a new address',
] as const;
const CLOSERS = ['Thanks.', 'Thank you!', 'Cheers.', 'Much appreciated.', ''] as const;

/** A customer's reply, e.g. "Hi, can you check my order today? Thanks." — the draws always in the same order. */
export function customerReplySentence(rng: Rng): string {
  const opener = rng.pick(OPENERS);
  const form = rng.int(0, 2);
  const noun = rng.pick(NOUNS);
  const verb = rng.pick(VERBS);
  const time = rng.pick(TIMES);
  const state = rng.pick(STATES);
  const closer = rng.pick(CLOSERS);
  const core =
    form === 0
      ? `can you ${verb} my ${noun} ${time}?`
      : form === 1
        ? `my ${noun} ${state}.`
        : `I would like to ${verb} my ${noun} ${time}.`;
  return closer === '' ? `${opener}, ${core}` : `${opener}, ${core} ${closer}`;
}
