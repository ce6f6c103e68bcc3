import { describe, expect, it } from 'vitest';
import { answerRegister, parseRegisterMessage, type RegisterMessage } from '../../src/sip/register-message.js';

const lines = (...l: string[]) => `${l.join('\r\n')}\r\n\r\n`;

const REGISTER = lines(
  'REGISTER sip:omni.mock SIP/2.0',
  'Via: SIP/2.0/WS a1.invalid;branch=z9hG4bK1',
  'Via: SIP/2.0/WS proxy.invalid;branch=z9hG4bK2',
  'Max-Forwards: 70',
  'To: "Agent" <sip:1001@omni.mock>',
  'From: <sip:1001@omni.mock>;tag=f1',
  'Call-ID: c1@lite',
  'CSeq: 7 REGISTER',
  'Contact: <sip:x@a1.invalid;transport=ws>;expires=600',
  'Expires: 600',
  'User-Agent: phone/1',
  'Authorization: Digest username="1001", realm="omni.mock"',
  'Content-Length: 0',
);

function parsed(text: string): RegisterMessage {
  const message = parseRegisterMessage(text);
  if (typeof message === 'string') throw new Error(message);
  return message;
}

describe('parseRegisterMessage', () => {
  it('reads the values the registrar needs', () => {
    expect(parsed(REGISTER)).toEqual({
      requestUri: 'sip:omni.mock',
      via: ['SIP/2.0/WS a1.invalid;branch=z9hG4bK1', 'SIP/2.0/WS proxy.invalid;branch=z9hG4bK2'],
      from: '<sip:1001@omni.mock>;tag=f1',
      to: '"Agent" <sip:1001@omni.mock>',
      aor: 'sip:1001@omni.mock',
      toUser: '1001',
      toTagged: false,
      callId: 'c1@lite',
      cseq: 7,
      cseqMethod: 'REGISTER',
      contact: '<sip:x@a1.invalid;transport=ws>;expires=600',
      wildcard: false,
      contactCount: 1,
      expires: '600',
      authorizations: ['Digest username="1001", realm="omni.mock"'],
      require: [],
      userAgent: 'phone/1',
    });
  });

  it('reads compact header names, any case, folded lines and a To without angle brackets', () => {
    const message = parsed(
      lines(
        'REGISTER sip:omni.mock SIP/2.0',
        'v: SIP/2.0/WS a1.invalid;branch=z9hG4bK1',
        't: sip:1002@omni.mock;tag=t9',
        'f: <sip:1002@omni.mock>;tag=f1',
        'i: c2',
        'CSEQ: 1 REGISTER',
        'm: <sip:y@a1.invalid;transport=ws>,',
        '  <sip:z@a1.invalid;transport=ws>;expires=60',
      ),
    );
    expect(message).toMatchObject({
      aor: 'sip:1002@omni.mock',
      toUser: '1002',
      toTagged: true,
      callId: 'c2',
      cseq: 1,
      contact: '<sip:y@a1.invalid;transport=ws>, <sip:z@a1.invalid;transport=ws>;expires=60',
    });
  });

  it('keeps commas inside quotes and angle brackets within one Contact', () => {
    const message = parsed(REGISTER.replace(/^Contact: .*$/m, 'Contact: "a, b" <sip:x@h;p=1,2>'));
    expect(message.contact).toBe('"a, b" <sip:x@h;p=1,2>');
  });

  it('reads Contact: * as the wildcard and no Contact as a query', () => {
    expect(parsed(REGISTER.replace(/^Contact: .*$/m, 'Contact:  * '))).toMatchObject({
      wildcard: true,
      contact: undefined,
    });
    expect(parsed(REGISTER.replace(/^Contact: .*\r\n/m, ''))).toMatchObject({ wildcard: false, contact: undefined });
    // `*` beside another Contact is kept as such, for the registrar to refuse (RFC 3261 §10.3 step 6).
    expect(parsed(REGISTER.replace(/^Contact: .*$/m, 'Contact: *\r\nContact: <sip:x@h>'))).toMatchObject({
      wildcard: true,
      contactCount: 2,
    });
  });

  it('keeps every Authorization header and every Require option tag, and the CSeq method as written', () => {
    const message = parsed(
      REGISTER.replace(
        'Content-Length: 0',
        'Authorization: Digest realm="other"\r\nRequire: path, gruu\r\nRequire: x\r\nContent-Length: 0',
      ).replace('CSeq: 7 REGISTER', 'CSeq: 7 INVITE'),
    );
    expect(message.authorizations).toEqual(['Digest username="1001", realm="omni.mock"', 'Digest realm="other"']);
    expect(message.require).toEqual(['path', 'gruu', 'x']);
    expect(message.cseqMethod).toBe('INVITE');
    expect(answerRegister(message, 400, 'Bad Request')).toContain('\r\nCSeq: 7 INVITE\r\n');
  });

  it('gives a reason for a malformed REGISTER', () => {
    expect(parseRegisterMessage('REGISTER sip:omni.mock SIP/3.0\r\n\r\n')).toBe('malformed request line');
    expect(parseRegisterMessage(REGISTER.replace(/^Call-ID: .*\r\n/m, ''))).toBe('a mandatory header is missing');
    expect(parseRegisterMessage(REGISTER.replace(/^Via: .*\r\n/gm, ''))).toBe('a mandatory header is missing');
    expect(parseRegisterMessage(REGISTER.replace('CSeq: 7 REGISTER', 'CSeq: seven REGISTER'))).toBe('malformed CSeq');
    expect(parseRegisterMessage(REGISTER.replace('To: "Agent" <sip:1001@omni.mock>', 'To: <mailto:a@b>'))).toBe(
      'malformed To',
    );
    expect(parseRegisterMessage(REGISTER.replace('From: <sip:1001@omni.mock>;tag=f1', 'From: <sip:1001'))).toBe(
      'malformed From',
    );
    expect(parseRegisterMessage(REGISTER.replace('Max-Forwards: 70', 'Max-Forwards 70'))).toMatch(
      /^malformed header line/,
    );
  });
});

describe('answerRegister', () => {
  it('repeats Via (in order), From, Call-ID and CSeq, adds a To tag, and ends with the extra headers', () => {
    const text = answerRegister(parsed(REGISTER), 200, 'OK', ['Contact: <sip:x@a1.invalid>;expires=600']);
    const [head, body] = text.split('\r\n\r\n');
    expect(body).toBe('');
    const out = head?.split('\r\n') ?? [];
    expect(out[0]).toBe('SIP/2.0 200 OK');
    expect(out.slice(1, 3)).toEqual([
      'Via: SIP/2.0/WS a1.invalid;branch=z9hG4bK1',
      'Via: SIP/2.0/WS proxy.invalid;branch=z9hG4bK2',
    ]);
    expect(out).toContain('From: <sip:1001@omni.mock>;tag=f1');
    expect(out.find((l) => l.startsWith('To: '))).toMatch(/^To: "Agent" <sip:1001@omni\.mock>;tag=[0-9a-f]{10}$/);
    expect(out).toContain('Call-ID: c1@lite');
    expect(out).toContain('CSeq: 7 REGISTER');
    expect(out.slice(-2)).toEqual(['Contact: <sip:x@a1.invalid>;expires=600', 'Content-Length: 0']);
  });

  it('keeps a To that already has a tag as it is', () => {
    const message = parsed(REGISTER.replace('To: "Agent" <sip:1001@omni.mock>', 'To: <sip:1001@omni.mock>;tag=t1'));
    expect(answerRegister(message, 401, 'Unauthorized')).toContain('\r\nTo: <sip:1001@omni.mock>;tag=t1\r\n');
  });
});
