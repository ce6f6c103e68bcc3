import { phoneNumber } from '@omnikit/contracts';
import { describe, expect, it } from 'vitest';
import { buildDemoData, DEMO_USERS } from '../../../src/engine/systems/demo-data.js';
import { isInsideOfficeHours, utcOffsetMinutes } from '../../../src/engine/systems/office-hours.js';
import { demoFaker } from '../../../src/runtime/demo-faker.js';

describe('demo data', () => {
  it('has the fixed demo users', () => {
    expect(DEMO_USERS).toEqual([
      { userId: 1, userName: 'agent1', password: 'password1', extension: '1001', webrtcPassword: 'webrtc1' },
      { userId: 2, userName: 'agent2', password: 'password2', extension: '1002', webrtcPassword: 'webrtc2' },
      { userId: 3, userName: 'agent3', password: 'password3', extension: '1003', webrtcPassword: 'webrtc3' },
      { userId: 4, userName: 'agent4', password: 'password4', extension: '1004', webrtcPassword: 'webrtc4' },
      { userId: 5, userName: 'agent5', password: 'password5', extension: '1005', webrtcPassword: 'webrtc5' },
    ]);
  });

  it('the same seed gives the same leads; another seed gives others', () => {
    const a = buildDemoData(1, demoFaker());
    expect(buildDemoData(1, demoFaker())).toEqual(a);
    const b = buildDemoData(2, demoFaker());
    expect(b.leads.map((l) => l.lastName)).not.toEqual(a.leads.map((l) => l.lastName));
    expect(b.campaigns).toEqual(a.campaigns);
  });

  it('every demo campaign has a message of the day, so a console shows one at login', () => {
    const { campaigns } = buildDemoData(1, demoFaker());
    expect(campaigns).toHaveLength(5);
    for (const c of campaigns) expect(String(c.settings.message_of_the_day ?? '').length).toBeGreaterThan(10);
    expect(new Set(campaigns.map((c) => c.settings.message_of_the_day)).size).toBe(5);
  });

  it('leads are realistic and dialable: valid, distinct numbers, never a magic test number', () => {
    const { leads } = buildDemoData(1, demoFaker());
    expect(leads).toHaveLength(350);
    const first = leads.map((l) => l.phones[0]!.phone_number);
    expect(new Set(first).size).toBe(first.length);
    for (const lead of leads) {
      expect(lead.firstName.length).toBeGreaterThan(0);
      expect(lead.otherInfo.length).toBeGreaterThan(0);
      expect(lead.email1).toMatch(/@/);
      for (const p of lead.phones) {
        expect(phoneNumber.safeParse(p.phone_number).success).toBe(true);
        expect(p.phone_number.startsWith('0800555')).toBe(false);
      }
    }
  });
});

describe('office hours', () => {
  const hours = { time_zone: 'America/New_York', windows: [{ days: ['mon' as const], start: '09:00', end: '17:00' }] };
  it.each([
    ['2026-01-05T13:59:59Z', false],
    ['2026-01-05T14:00:00Z', true],
    ['2026-01-05T21:59:59Z', true],
    ['2026-01-05T22:00:00Z', false],
    ['2026-01-06T14:00:00Z', false],
    ['2026-07-06T13:00:00Z', true],
  ])('%s is inside Monday 09:00–17:00 New York: %s', (at, inside) => {
    expect(isInsideOfficeHours(hours, Date.parse(at))).toBe(inside);
  });

  it('knows the zone offsets, daylight saving included', () => {
    expect(utcOffsetMinutes(Date.parse('2026-01-05T12:00:00Z'), 'America/New_York')).toBe(-300);
    expect(utcOffsetMinutes(Date.parse('2026-07-05T12:00:00Z'), 'America/New_York')).toBe(-240);
    expect(utcOffsetMinutes(Date.parse('2026-07-05T12:00:00Z'), 'Africa/Johannesburg')).toBe(120);
  });
});
