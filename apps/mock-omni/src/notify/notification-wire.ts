/**
 * How a system writes its notifications where the wiki is silent: the variation it plays and its time zone, read at
 * delivery time (`NotificationWire`), and the bytes a stored notification goes out as (`wireBody`). The outbox keeps
 * the contracts' own shape; the `dates`, `ids` and `extras` axes rewrite it as it is serialised for sending, and the
 * signature is computed over those bytes. The rewrite is pure, so every attempt of a notification under one
 * variation sends the same bytes.
 *
 * @module
 */

import { notification } from '@omnikit/contracts';
import { DEFAULT_VARIATION, rewriteBody, UTC_ZONE, type Variation, type WireZone } from '@omnikit/contracts/variants';
import { utcOffsetMinutes } from '../engine/systems/office-hours.js';

export interface NotificationWire {
  readonly variation: Variation;
  /** The system's office-hours time zone (the `vicidial` and `iso-offset` date forms are local). */
  readonly zone: WireZone;
}

/** The contracts' own shapes, in UTC. */
export const DEFAULT_WIRE: NotificationWire = Object.freeze({ variation: DEFAULT_VARIATION, zone: UTC_ZONE });

/** The bytes to send for a stored envelope (`body`, the contracts' shape as JSON) under `wire`. */
export function wireBody(body: string, wire: NotificationWire): string {
  const v = wire.variation;
  if (v.dates === 'iso-z' && v.ids === 'integers' && v.extras === 'exact') return body;
  return JSON.stringify(rewriteBody(notification, JSON.parse(body) as unknown, v, wire.zone));
}

/** Whether a system playing `wire` signs its notifications (never under `notifications=unsigned`). */
export function signs(wire: NotificationWire): boolean {
  return wire.variation.notifications !== 'unsigned';
}

/** What `systemWire` reads of a system. */
export interface WireSource {
  readonly variation: Variation;
  readonly record: { readonly officeHours: { readonly time_zone: string } };
}

/**
 * A system's wire as it is now: its variation, and its office hours' time zone with the offset of each instant (so a
 * date on either side of a daylight-saving change gets its own). A system that is gone writes the default.
 */
export function systemWire(sys: WireSource | undefined): NotificationWire {
  if (!sys) return DEFAULT_WIRE;
  const timeZone = sys.record.officeHours.time_zone;
  const zone: WireZone = timeZone === 'UTC' ? UTC_ZONE : { offsetMinutesAt: (at) => utcOffsetMinutes(at, timeZone) };
  return { variation: sys.variation, zone };
}
