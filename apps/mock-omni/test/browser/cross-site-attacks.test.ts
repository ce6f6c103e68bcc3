/**
 * The web-page attacks on a mock listening on loopback, from a real Chromium (Debian's, through playwright-core): a
 * page of another origin (a second loopback server on another port) sends "simple" requests — no preflight — to reset
 * the default system; a DNS-rebinding page (the attacker's name resolving to 127.0.0.1, `--host-resolver-rules`) reads
 * the control API same-origin; and a raw `Host: attacker.example` from node. None changes or reads anything. The docs
 * page, on the mock's own origin, keeps working.
 *
 * @module
 */

import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodePassword } from '@omnikit/contracts';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockOmni, type Listening, type MockOmni } from '../../src/index.js';
import { chromiumPath, missingChromiumMessage } from '../../src/testing/index.js';
import { rawGet } from '../support/raw-get.js';

const CHROMIUM = chromiumPath();
const silent = { info: () => {}, error: () => {} };

let mock: MockOmni;
let listening: Listening;
let attacker: Server;
let attackerUrl: string;
let browser: Browser;
let systemKey: Record<string, string>;

async function http(method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
  const res = await fetch(`${listening.url}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** What a reset of the default system would change: its seed, a campaign made since, its tokens. */
async function defaultSystemState() {
  return {
    seed: (await http('GET', '/__mock/system')).body.seed,
    campaign: (await http('GET', '/omni/campaign/6', systemKey)).body.campaign_name,
    users: (await http('GET', '/omni/users', systemKey)).status,
  };
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(missingChromiumMessage(CHROMIUM, 'the cross-site attack test'));
  mock = await createMockOmni({ clock: 'manual', logger: silent });
  listening = await mock.listen({ port: 0, host: '127.0.0.1' });
  attacker = createServer((_, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><html><body><iframe name="sink"></iframe></body></html>');
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;

  const auth = await http(
    'POST',
    '/omni/user/authorize',
    { authorization: 'Key=omni-demo-key' },
    {
      user_name: 'agent1',
      password: encodePassword('password1'),
    },
  );
  systemKey = { authorization: 'Key=omni-demo-key', tokenKey: auth.body.token_key as string };
  expect((await http('PUT', '/__mock/system/seed', {}, { seed: 5 })).status).toBe(200);
  const made = await http('POST', '/omni/campaign', systemKey, {
    campaign_name: 'Before the attack',
    campaign_type: 1,
  });
  expect(made.body.campaign_id).toBe(6);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // The rebinding: the attacker's name now resolves to this machine.
    args: ['--host-resolver-rules=MAP attacker.example 127.0.0.1'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await listening?.close();
  await mock?.close();
  await new Promise<void>((resolve) => (attacker ? attacker.close(() => resolve()) : resolve()));
});

describe('a page of another origin cannot drive the control API', () => {
  it('simple POSTs to /__mock/system/reset (fetch, no-cors fetch, a text/plain form) change nothing', async () => {
    const before = await defaultSystemState();
    expect(before).toEqual({ seed: 5, campaign: 'Before the attack', users: 200 });
    const page = await browser.newPage();
    try {
      await page.goto(attackerUrl);
      const target = `${listening.url}/__mock/system/reset`;
      const outcomes = await page.evaluate(async (url) => {
        const tries: string[] = [];
        // A "simple" request: text/plain, no preflight; the browser sends it and hides the answer.
        tries.push(
          await fetch(url, { method: 'POST', body: '{}' }).then(
            (r) => `read ${r.status}`,
            (e) => `${e}`,
          ),
        );
        tries.push(
          await fetch(url, { method: 'POST', mode: 'no-cors', body: '{"seed":9}' }).then(
            (r) => `opaque ${r.type}`,
            (e) => `${e}`,
          ),
        );
        // A form of type text/plain whose field makes the body valid JSON.
        const form = document.createElement('form');
        form.method = 'POST';
        form.action = url;
        form.enctype = 'text/plain';
        form.target = 'sink';
        const input = document.createElement('input');
        input.name = '{"seed":9,"x":"';
        input.value = '"}';
        form.appendChild(input);
        document.body.appendChild(form);
        const loaded = new Promise((r) => document.querySelector('iframe')?.addEventListener('load', r));
        form.submit();
        await loaded;
        return tries;
      }, target);
      expect(outcomes[0]).toMatch(/TypeError/);
      expect(outcomes[1]).toBe('opaque opaque');
    } finally {
      await page.close();
    }
    expect(await defaultSystemState()).toEqual(before);
  });

  it('a DNS-rebinding page (attacker.example → 127.0.0.1) reads neither the system keys nor the WebRTC passwords', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`http://attacker.example:${listening.port}/health`);
      const reads = await page.evaluate(async () => {
        const read = async (path: string, init?: RequestInit) => {
          const res = await fetch(path, init);
          return [res.status, ((await res.json()) as { error_code?: string }).error_code ?? 'read'];
        };
        return {
          systems: await read('/__mock/systems'),
          users: await read('/__mock/users'),
          omni: await read('/omni/users?auth-key=omni-demo-key'),
          reset: await read('/__mock/system/reset', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: '{}',
          }),
        };
      });
      expect(reads).toEqual({
        systems: [403, 'FORBIDDEN_ORIGIN'],
        users: [403, 'FORBIDDEN_ORIGIN'],
        omni: [403, 'FORBIDDEN_ORIGIN'],
        reset: [403, 'FORBIDDEN_ORIGIN'],
      });
    } finally {
      await page.close();
    }
    expect((await defaultSystemState()).seed).toBe(5);
  });

  it('a raw Host: attacker.example (node http) to /__mock/systems is refused', async () => {
    const answer = await rawGet(`http://127.0.0.1:${listening.port}/__mock/systems`, { Host: 'attacker.example' });
    expect(answer.status).toBe(403);
    const body = JSON.parse(answer.body) as Record<string, unknown>;
    expect(body).toMatchObject({ success: false, error_code: 'FORBIDDEN_ORIGIN' });
    expect(answer.body).not.toContain('omni-demo-key');
  });
});

describe("the docs page, on the mock's own origin, keeps working", () => {
  it('loads, and its requests to the control API and to Omni are served', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${listening.url}/docs`);
      await page.waitForSelector('.swagger-ui', { timeout: 15_000 });
      const statuses = await page.evaluate(async (token) => {
        const fault = await fetch('/__mock/faults', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ route_id: 'getCampaign', latency_ms: 0 }),
        });
        const cleared = await fetch('/__mock/faults', { method: 'DELETE' });
        const users = await fetch('/omni/users', { headers: { Authorization: 'Key=omni-demo-key', tokenKey: token } });
        return [fault.status, cleared.status, users.status];
      }, systemKey.tokenKey as string);
      expect(statuses).toEqual([200, 200, 200]);
    } finally {
      await page.close();
    }
  });
});
