import { expect } from 'vitest';
import type { OmniTestClient } from '../../../support/omni-client.js';

/** A campaign of `type` with one list, made through the Omni routes; returns their ids. */
export async function campaignWithList(
  c: OmniTestClient,
  token: string,
  type: number,
  settings: Record<string, unknown> = {},
): Promise<{ campaignId: number; listId: number }> {
  const camp = await c.request('POST', '/omni/campaign', {
    token,
    body: { campaign_name: `Dialler ${type}`, campaign_type: type, max_lines: 1, ...settings },
  });
  expect(camp.status).toBe(200);
  const list = await c.request('POST', '/omni/list', {
    token,
    body: { list_name: 'Dialler list', campaign_id: camp.body.campaign_id },
  });
  expect(list.status).toBe(200);
  return { campaignId: camp.body.campaign_id as number, listId: list.body.list_id as number };
}

/** Adds a lead with one number (or the numbers given) to a list; returns its id. */
export async function addLead(
  c: OmniTestClient,
  token: string,
  listId: number,
  phone: string | string[],
  extra: Record<string, unknown> = {},
): Promise<number> {
  const phones = (Array.isArray(phone) ? phone : [phone]).map((p) => ({ phone_number: p, ...extra }));
  const res = await c.request('POST', '/omni/lead', {
    token,
    body: { other_info: `lead ${phones[0]?.phone_number}`, list_id: listId, phone_numbers: phones },
  });
  expect(res.status).toBe(200);
  return res.body.lead_id as number;
}

// biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert each field.
export async function lead(c: OmniTestClient, token: string, leadId: number): Promise<any> {
  const res = await c.request('GET', `/omni/lead/${leadId}`, { token });
  expect(res.status).toBe(200);
  return res.body;
}

/** `GET /__mock/calls/{id}`: any call with its CDR once sent. */
// biome-ignore lint/suspicious/noExplicitAny: as above.
export async function mockCall(c: OmniTestClient, callId: number): Promise<{ status: number; body: any }> {
  return c.request('GET', `/__mock/calls/${callId}`);
}
