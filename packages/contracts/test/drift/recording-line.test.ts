import { describe, expect, it } from 'vitest';
import {
  isPhoneField,
  isRedactedPlaceholder,
  maskPhoneNumber,
  parseRecordingLine,
  recordingLine,
  redactedPlaceholder,
} from '../../src/drift/index.js';
import { notificationLine, restLine } from '../support/exchange-line.js';

describe('recordingLine', () => {
  it('reads back a line it wrote', () => {
    const line = restLine('GET', '/omni/users', 200, { users: [] });
    expect(parseRecordingLine(JSON.stringify(line))).toEqual(line);
    expect(recordingLine.parse(notificationLine({ type: 'cdr', payload: {} }))).toBeTruthy();
  });

  it('refuses a line of another version, kind or status', () => {
    const line = restLine('GET', '/omni/users', 200, { users: [] });
    expect(() => parseRecordingLine(JSON.stringify({ ...line, v: 2 }))).toThrow();
    expect(() => parseRecordingLine(JSON.stringify({ ...line, kind: 'ws' }))).toThrow();
    expect(() => parseRecordingLine(JSON.stringify({ ...line, response: { ...line.response, status: 42 } }))).toThrow();
    expect(() => parseRecordingLine('{"v":1')).toThrow();
  });
});

describe('placeholders and masks', () => {
  it('names a placeholder by kind and number and recognises it', () => {
    expect(redactedPlaceholder('token', 3)).toBe('redacted:token:3');
    expect(isRedactedPlaceholder('redacted:token:3')).toBe(true);
    expect(isRedactedPlaceholder('Key=redacted:system-key:1')).toBe(true);
    expect(isRedactedPlaceholder('omni-demo-key')).toBe(false);
  });

  it('masks a number keeping its length and leading +', () => {
    expect(maskPhoneNumber('+447700900123', 1)).toBe('+000000000001');
    expect(maskPhoneNumber('0800555001', 42)).toBe('0000000042');
    expect(maskPhoneNumber('123', 12345)).toBe('345');
  });

  it('knows the phone fields whatever their case', () => {
    expect(isPhoneField('phone_number')).toBe(true);
    expect(isPhoneField('dnis')).toBe(true);
    expect(isPhoneField('outboud_cli')).toBe(true);
    expect(isPhoneField('extension')).toBe(false);
  });
});
