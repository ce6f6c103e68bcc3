import { describe, expect, it } from 'vitest';
import {
  applySmsKeyword,
  SMS_KEYWORD_REPLIES,
  smsKeywordAction,
  smsOptOutRefusal,
} from '../../../src/engine/messaging/sms-opt-out.js';

describe('SMS keywords (Twilio defaults, whole message only)', () => {
  it.each(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'])('%s opts out', (k) => {
    expect(smsKeywordAction(k)).toBe('opt_out');
  });
  it.each(['START', 'UNSTOP', 'YES'])('%s opts back in', (k) => {
    expect(smsKeywordAction(k)).toBe('opt_in');
  });
  it.each(['HELP', 'INFO'])('%s asks for help', (k) => {
    expect(smsKeywordAction(k)).toBe('help');
  });

  it.each(['stop', 'Stop', '  STOP  ', '\tstop\n', ' UnSubscribe '])(
    'case and surrounding white space do not matter: %j',
    (body) => {
      expect(smsKeywordAction(body)).toBe('opt_out');
    },
  );

  it.each(['please stop', 'STOP!', 'STOP ALL', 'stop it', 'STOPP', 'S TOP', '', 'yes please', 'help me'])(
    'anything but the keyword alone is an ordinary message: %j',
    (body) => {
      expect(smsKeywordAction(body)).toBeNull();
      expect(applySmsKeyword(false, body)).toBeNull();
    },
  );
});

describe('the opt-out state', () => {
  it('STOP opts out and replies with the confirmation; START opts back in', () => {
    const stopped = applySmsKeyword(false, 'stop');
    expect(stopped).toEqual({ action: 'opt_out', optedOut: true, reply: SMS_KEYWORD_REPLIES.opt_out });
    expect(stopped?.reply).toContain('Reply START to resubscribe');
    expect(applySmsKeyword(true, 'start')).toEqual({
      action: 'opt_in',
      optedOut: false,
      reply: SMS_KEYWORD_REPLIES.opt_in,
    });
  });

  it('HELP leaves the state as it was, opted out or not', () => {
    expect(applySmsKeyword(true, 'HELP')).toMatchObject({ action: 'help', optedOut: true });
    expect(applySmsKeyword(false, 'info')).toMatchObject({ action: 'help', optedOut: false });
  });

  it('a second STOP keeps the customer opted out; START when opted in stays in', () => {
    expect(applySmsKeyword(true, 'QUIT')?.optedOut).toBe(true);
    expect(applySmsKeyword(false, 'YES')?.optedOut).toBe(false);
  });

  it('an opted-out customer blocks outbound SMS with Twilio 21610; an opted-in one does not', () => {
    expect(smsOptOutRefusal(false, '0821234567')).toBeNull();
    const refusal = smsOptOutRefusal(true, '0821234567');
    expect(refusal?.error).toEqual({ channel: 'sms', code: 21610, title: 'Attempt to send to unsubscribed recipient' });
    expect(refusal?.detail).toContain('0821234567');
  });
});
