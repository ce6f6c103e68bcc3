/**
 * The simulated-day report in Chromium, opened from its file with the network off: every chart is drawn with the
 * day's points (uPlot's canvases, the timeline's rows), each has its table, the what-if table shows both values, and
 * the page asks nothing of the network and throws nothing.
 *
 * @module
 */

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSimulateCli } from '../../src/simulate/simulate-cli.js';
import { chromiumPath, missingChromiumMessage } from '../../src/testing/index.js';

const CHROMIUM = chromiumPath();
const require = createRequire(import.meta.url);
let browser: Browser;
let dir: string;
let report: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(missingChromiumMessage(CHROMIUM, 'the simulation report test'));
  dir = mkdtempSync(join(tmpdir(), 'omni-sim-report-'));
  report = join(dir, 'day.html');
  const code = await runSimulateCli(
    ['--agents', '6', '--hours', '1', '--leads', '600', '--compare', 'agents=4,6', '--report', report],
    {
      stdout: () => {},
      stderr: () => {},
      readFile: (p) => readFileSync(p, 'utf8'),
      writeFile: (p, t) => writeFileSync(p, t),
      prepareReport: () => undefined,
      uplot: () => ({
        js: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
        css: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
      }),
    },
  );
  if (code !== 0) throw new Error(`simulate exited ${code}`);
  browser = await chromium.launch({ executablePath: CHROMIUM });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the simulated-day report', () => {
  it('opens offline and shows each chart with data, its table, and the what-if table', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, offline: true });
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await page.goto(`file://${report}`);
    await page.waitForSelector('body[data-charts-drawn="true"]', { timeout: 10_000 });
    for (const id of ['calls-chart', 'drop-chart', 'queue-chart', 'agents-chart']) {
      const chart = page.locator(`#${id}`);
      // An hour of minutes, drawn by uPlot on a canvas.
      expect(await chart.getAttribute('data-points')).toBe('60');
      expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
      const box = await chart.locator('canvas').first().boundingBox();
      expect(box?.height ?? 0).toBeGreaterThan(100);
      await expect.poll(() => page.locator(`#${id}-figure details table tbody tr`).count()).toBeGreaterThan(0);
    }
    expect(await page.locator('#timeline-chart').getAttribute('data-points')).toBe('6');
    expect(await page.locator('#timeline-chart-figure details table tbody tr').count()).toBe(6);
    const whatIf = page.locator('table.what-if-table');
    await expect.poll(() => whatIf.isVisible()).toBe(true);
    expect(await whatIf.locator('thead th').allTextContents()).toEqual(['Figure', 'agents = 4', 'agents = 6']);
    expect(await page.locator('table.day-table tbody tr').count()).toBeGreaterThan(10);
    // The table alternative opens for a reader.
    await page.locator('#drop-chart-figure summary').click();
    expect(await page.locator('#drop-chart-figure details table').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await context.close();
  }, 60_000);
});
