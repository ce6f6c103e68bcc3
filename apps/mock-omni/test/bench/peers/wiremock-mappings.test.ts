/**
 * The WireMock stubs the peers bench writes from the mock's captured answers: each request matched on its
 * method, path, key headers (present and equal, or absent) and JSON body; each answer replayed with the
 * mock's status, content type and exact body; requests WireMock could not tell apart refused.
 *
 * @module
 */

import { describe, expect, it } from 'vitest';
import { type CapturedExchange, wiremockMappings } from '../../../bench/peers/wiremock-mappings.js';

const users: CapturedExchange = {
  method: 'GET',
  path: '/omni/users',
  headers: { Authorization: 'Key=omni-demo-key', tokenKey: 'tok-1' },
  status: 200,
  contentType: 'application/json',
  responseBody: '{"users":[{"user_id":1,"user_name":"agent1 — Zoë"}]}',
};
const lead: CapturedExchange = {
  method: 'POST',
  path: '/omni/lead',
  headers: { Authorization: 'Key=omni-demo-key', tokenKey: 'tok-1' },
  body: '{"first_name":"Bench","list_id":1}',
  status: 200,
  contentType: 'application/json; charset=UTF-8',
  responseBody: '{"success":true,"detail":"Lead added","lead_id":17}',
};
const noKey: CapturedExchange = {
  method: 'GET',
  path: '/omni/users',
  headers: { Authorization: null },
  status: 401,
  contentType: 'application/json',
  responseBody: '{"success":false,"error_code":"MISSING_SYSTEM_KEY"}',
};

describe('wiremockMappings', () => {
  it('matches a GET on its path and key headers and replays the exact answer', () => {
    expect(wiremockMappings([users]).mappings).toEqual([
      {
        request: {
          method: 'GET',
          urlPath: '/omni/users',
          headers: { Authorization: { equalTo: 'Key=omni-demo-key' }, tokenKey: { equalTo: 'tok-1' } },
        },
        response: {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
          body: '{"users":[{"user_id":1,"user_name":"agent1 — Zoë"}]}',
        },
      },
    ]);
  });

  it('matches a POST on its JSON body too and keeps the answer’s content type', () => {
    const [mapping] = wiremockMappings([lead]).mappings;
    expect(mapping?.request.bodyPatterns).toEqual([{ equalToJson: '{"first_name":"Bench","list_id":1}' }]);
    expect(mapping?.response).toEqual({
      status: 200,
      headers: { 'Content-Type': 'application/json; charset=UTF-8' },
      body: '{"success":true,"detail":"Lead added","lead_id":17}',
    });
  });

  it('turns a header that must be missing into an absent matcher, beside the keyed stub', () => {
    const { mappings } = wiremockMappings([users, noKey]);
    expect(mappings[1]?.request).toEqual({
      method: 'GET',
      urlPath: '/omni/users',
      headers: { Authorization: { absent: true } },
    });
    expect(mappings[1]?.response.status).toBe(401);
    expect(mappings[1]?.request.bodyPatterns).toBeUndefined();
  });

  it('survives a round trip through the mappings file unchanged', () => {
    const written = JSON.stringify(wiremockMappings([users, lead, noKey]));
    expect(JSON.parse(written)).toEqual(wiremockMappings([users, lead, noKey]));
    expect(JSON.parse(written).mappings[0].response.body).toBe(users.responseBody);
  });

  it('refuses two exchanges WireMock could not tell apart, whatever the header case or JSON spacing', () => {
    const again = { ...lead, headers: { authorization: 'Key=omni-demo-key', TOKENKEY: 'tok-1' } };
    expect(() => wiremockMappings([lead, { ...again, body: '{ "list_id": 1, "first_name": "Bench" }' }])).toThrow(
      /two captured exchanges share one request: POST \/omni\/lead/,
    );
    expect(() => wiremockMappings([lead, { ...lead, body: '{"first_name":"Other","list_id":1}' }])).not.toThrow();
  });

  it('refuses a body that is not JSON, which equalToJson could not match', () => {
    expect(() => wiremockMappings([{ ...lead, body: 'first_name=Bench' }])).toThrow(/POST \/omni\/lead is not JSON/);
  });

  it('refuses a path with a query or without its leading slash', () => {
    expect(() => wiremockMappings([{ ...users, path: '/omni/users?page=2' }])).toThrow(/no query/);
    expect(() => wiremockMappings([{ ...users, path: 'omni/users' }])).toThrow(/absolute/);
  });
});
