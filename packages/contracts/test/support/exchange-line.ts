/**
 * Builds recording lines for the drift tests: a REST exchange or a notification, JSON both ways.
 *
 * @module
 */

import type { JsonValue } from '../../src/common.js';
import type { RecordingLine } from '../../src/drift/index.js';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

export function restLine(
  method: string,
  path: string,
  status: number,
  body: JsonValue | undefined,
  requestBody?: JsonValue,
): RecordingLine {
  return {
    v: 1,
    seq: 1,
    at: '2026-01-05T08:00:00.000Z',
    kind: 'rest',
    route_id: null,
    request: {
      method,
      path,
      query: {},
      headers: { ...JSON_TYPE, authorization: 'Key=redacted:system-key:1' },
      ...(requestBody === undefined ? {} : { body: requestBody }),
    },
    response: { status, headers: body === undefined ? {} : JSON_TYPE, ...(body === undefined ? {} : { body }) },
    duration_ms: 3,
  };
}

export function notificationLine(body: JsonValue, headers: Record<string, string> = {}): RecordingLine {
  return {
    v: 1,
    seq: 1,
    at: '2026-01-05T08:00:00.000Z',
    kind: 'notification',
    route_id: null,
    request: {
      method: 'POST',
      path: '/__proxy/webhook',
      query: {},
      headers: {
        ...JSON_TYPE,
        'x-omni-notification-id': 'n-1',
        'x-omni-timestamp': '1767600000',
        ...headers,
      },
      body,
    },
    response: { status: 204, headers: {} },
    duration_ms: 2,
  };
}

export const callStartedBody = {
  call_id: 17,
  phone_number: '0800555001',
  call_state: 'initiated',
  call_start_time: '2026-01-05T08:00:00.000Z',
};

export const cdrBody = {
  type: 'cdr',
  payload: {
    call_id: 17,
    phone_number: '0800555001',
    caller_id: '0800000000',
    unique_id: 'crm-1',
    call_direction: 'outbound',
    dispostion_code: 'SALE',
    sip_code: 200,
    user_id: 3,
    campaign_id: 1,
    list_id: 0,
    call_type: 1,
    recording_url: '',
    start_date_time: '2026-01-05T08:00:00.000Z',
    end_date_time: '2026-01-05T08:01:00.000Z',
    ivr_time: 0,
    ring_time: 3000,
    talk_time: 50000,
    user_time: 50000,
    hold_time: 0,
    wrap_time: 7000,
  },
};
