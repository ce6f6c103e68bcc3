/**
 * The API reference served by the mock, rendered in headless Chromium with its own assets only. Playwright gives every
 * launch a fresh temporary profile (its own user-data-dir).
 *
 * @module
 */

import { omniOpenApiDocument, routeList } from '@omnikit/contracts';
import { controlRouteList } from '@omnikit/contracts/control';
import { messagingRouteList } from '@omnikit/contracts/messaging';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening, MockOmni } from '../../src/index.js';
import { chromiumPath } from '../../src/testing/index.js';
import { startMock } from '../support/omni-client.js';

let mock: MockOmni;
let server: Listening;
let browser: Browser;

beforeAll(async () => {
  ({ mock } = await startMock());
  server = await mock.listen({ port: 0 });
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await mock?.close();
});

describe('API reference', () => {
  it('GET /openapi.json is the contracts’ document with this server in servers', async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as ReturnType<typeof omniOpenApiDocument>;
    const expected = omniOpenApiDocument();
    expect(doc.paths).toEqual(expected.paths);
    expect(doc.servers).toEqual([{ url: server.url, description: 'This mock' }]);
    const ops = Object.values(doc.paths).flatMap((p) => Object.keys(p));
    expect(ops).toHaveLength(routeList.length + messagingRouteList.length);
    const control = (await (await fetch(`${server.url}/openapi/control.json`)).json()) as {
      paths: Record<string, object>;
    };
    expect(Object.values(control.paths).flatMap((p) => Object.keys(p))).toHaveLength(controlRouteList.length);
  });

  it('/docs renders every operation in Chromium, loading nothing from anywhere else', async () => {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (r) => {
      requested.push(r.url());
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => {
      errors.push(e.message);
    });
    await page.goto(`${server.url}/docs`);
    await page.waitForSelector('.swagger-ui .info .title', { timeout: 15_000 });
    expect(await page.textContent('.swagger-ui .info .title')).toContain('TForge Omni');
    await page.waitForSelector('.opblock', { timeout: 15_000 });
    const operations = await page.locator('.opblock').count();
    // Every route, plus the notification webhook.
    expect(operations).toBe(
      routeList.length + messagingRouteList.length + Object.keys(omniOpenApiDocument().webhooks ?? {}).length,
    );
    if (process.env.OMNI_DOCS_SCREENSHOT) await page.screenshot({ path: process.env.OMNI_DOCS_SCREENSHOT });
    const authorize = page.locator('.opblock-summary-path', { hasText: '/omni/user/authorize' });
    expect(await authorize.count()).toBe(1);
    expect(errors).toEqual([]);
    expect(requested.length).toBeGreaterThan(3);
    for (const url of requested) expect(url.startsWith(server.url) || url.startsWith('data:')).toBe(true);
    await page.close();
  });

  it('/docs badges each operation documented or inferred, and adds `Key=` to a bare system key', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/docs`);
    await page.waitForSelector('.opblock .omni-source', { timeout: 15_000 });
    const doc = omniOpenApiDocument();
    const ops = [...Object.values(doc.paths), ...Object.values(doc.webhooks ?? {})].flatMap((item) =>
      Object.values(item as Record<string, { 'x-omni-source': string }>),
    );
    const inferred = ops.filter((o) => o['x-omni-source'] === 'inferred').length;
    expect(inferred).toBeGreaterThan(0);
    expect(await page.locator('.opblock .omni-source-inferred').count()).toBe(inferred);
    expect(await page.locator('.opblock .omni-source-documented').count()).toBe(ops.length - inferred);
    const title = await page.locator('.omni-source-inferred').first().getAttribute('title');
    expect(title).toBe('inferred: not confirmed against a real Omni');
    const authorization = (value: string) =>
      page.evaluate((v) => {
        type Ui = { getConfigs(): { requestInterceptor(r: { headers: Record<string, string> }): typeof r } };
        const ui = (window as unknown as { ui: Ui }).ui;
        return ui.getConfigs().requestInterceptor({ headers: { Authorization: v } }).headers.Authorization;
      }, value);
    expect(await authorization('omni-demo-key')).toBe('Key=omni-demo-key');
    expect(await authorization('Key=omni-demo-key')).toBe('Key=omni-demo-key');
    await page.close();
  });
});
