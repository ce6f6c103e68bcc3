import { describe, expect, it } from 'vitest';
import {
  WHATSAPP_WINDOW_MS,
  whatsappWindow,
  whatsappWindowRefusal,
} from '../../../src/engine/messaging/whatsapp-window.js';

const T0 = 1_767_600_000_000;
const HOUR = 3_600_000;

describe("WhatsApp's 24-hour customer-service window", () => {
  it('is 24 hours from the last inbound message, open up to the last millisecond', () => {
    expect(WHATSAPP_WINDOW_MS).toBe(24 * HOUR);
    expect(whatsappWindow(T0, T0)).toEqual({ open: true, expiresAt: T0 + 24 * HOUR });
    expect(whatsappWindow(T0, T0 + 24 * HOUR - 1).open).toBe(true);
    expect(whatsappWindow(T0, T0 + 24 * HOUR).open).toBe(false);
  });

  it('is closed when the customer never wrote', () => {
    expect(whatsappWindow(null, T0)).toEqual({ open: false, expiresAt: null });
  });

  it('a newer inbound message renews it for a full 24 hours', () => {
    const renewed = T0 + 20 * HOUR;
    expect(whatsappWindow(renewed, T0 + 30 * HOUR)).toEqual({ open: true, expiresAt: renewed + 24 * HOUR });
  });

  it('inside the window free text goes', () => {
    expect(whatsappWindowRefusal({ kind: 'text', lastInboundAt: T0, now: T0 + 23 * HOUR })).toBeNull();
  });

  it('outside it free text is refused with 131047, and the detail says when it closed', () => {
    const refusal = whatsappWindowRefusal({ kind: 'text', lastInboundAt: T0, now: T0 + 25 * HOUR });
    expect(refusal?.error.code).toBe(131047);
    expect(refusal?.error.channel).toBe('whatsapp');
    expect(refusal?.detail).toContain(new Date(T0 + 24 * HOUR).toISOString());
    expect(refusal?.detail).toContain('template');
  });

  it('a customer who never wrote gets only a template', () => {
    expect(whatsappWindowRefusal({ kind: 'text', lastInboundAt: null, now: T0 })?.error.code).toBe(131047);
    expect(whatsappWindowRefusal({ kind: 'template', lastInboundAt: null, now: T0 })).toBeNull();
  });

  it('a template passes the window check inside and outside the window', () => {
    expect(whatsappWindowRefusal({ kind: 'template', lastInboundAt: T0, now: T0 + 100 * HOUR })).toBeNull();
    expect(whatsappWindowRefusal({ kind: 'template', lastInboundAt: T0, now: T0 + HOUR })).toBeNull();
  });
});
