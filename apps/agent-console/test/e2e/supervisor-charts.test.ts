/**
 * The supervisor's charts in Chromium against the in-process mock: two agents work the blended campaign with callers
 * arriving, the manual clock moves two hours, and the charts draw every bucket the mock's series route answers, with
 * the drop rate the statistics route gives; the per-agent timeline has a row per agent. Then the simulated-day report
 * (an `omni-mock simulate` report handed to the console with --simulation-report) opens from the view in a new tab and
 * shows each chart and the what-if table. Writes `supervisor-charts.png` and `simulated-day-report.png`.
 *
 * @module
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CampaignSeriesView, CampaignStatsView } from '@omnikit/contracts/control';
import { renderSimulationReport, runSimulation, simulationSettings } from '@omnikit/mock-omni';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe-audit.js';
import { type ConsoleStack, SCREENSHOTS, startConsoleStack } from './console-browser-fixture.js';
import { typeScaleOutliers } from './page-probes.js';

const require = createRequire(import.meta.url);
let stack: ConsoleStack;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'console-sim-report-'));
  const report = join(dir, 'day.html');
  const settings = simulationSettings.parse({ agents: 4, hours: 0.5, leads: 400, seed: 42 });
  const main = await runSimulation(settings);
  const runs = [await runSimulation({ ...settings, agents: 3 }), await runSimulation(settings)];
  writeFileSync(
    report,
    renderSimulationReport({
      main,
      comparison: { setting: 'agents', runs },
      uplot: {
        js: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
        css: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
      },
      command: 'omni-mock simulate --agents 4 --hours 0.5 --leads 400 --compare agents=3,4',
    }),
  );
  stack = await startConsoleStack({ consoleArgs: ['--simulation-report', report] });
}, 180_000);
afterAll(async () => {
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the supervisor’s charts in Chromium', () => {
  it('draw the series of two hours on the manual clock, with the statistics’ drop rate', async () => {
    const { mock, page } = stack;
    const { services } = mock;
    const sys = services.registry.getDefault();
    services.transaction(() => {
      for (const [userId, extension] of [
        [4, '1004'],
        [5, '1005'],
      ] as const) {
        services.phones.registerVirtual(sys, extension);
        services.agents.login(sys, userId, { campaign_id: 5, extension });
        services.agents.setState(sys, userId, { state: 'ready' });
      }
    });
    await stack.control('PUT', '/__mock/inbound/arrivals', {
      campaign_id: 5,
      calls_per_hour: Array.from({ length: 24 }, () => 40),
    });
    await stack.advance(3_600_000);
    await stack.advance(3_600_000);
    const series = (await stack.control('GET', '/__mock/campaigns/5/series')) as CampaignSeriesView;
    const stats = (await stack.control('GET', '/__mock/campaigns/5/stats')) as CampaignStatsView;
    expect(series.buckets.start.length).toBeGreaterThanOrEqual(120);

    await page.goto(stack.url);
    await page.getByRole('textbox', { name: /^User name/ }).fill('agent1');
    await page.locator('input[type="password"]').fill('password1');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Supervisor (mock only)', { exact: true }).click();
    await page.getByRole('heading', { name: 'Live charts' }).waitFor();
    expect(await page.getByLabel('Campaign to chart').inputValue()).toBe('5');
    const points = String(series.buckets.start.length);
    for (const id of ['chart-calls', 'chart-drop-rate', 'chart-queue', 'chart-agents']) {
      const chart = page.getByTestId(id);
      await expect.poll(() => chart.getAttribute('data-points'), { timeout: 10_000 }).toBe(points);
      const canvas = await chart.locator('canvas').first().boundingBox();
      expect(canvas?.height ?? 0).toBeGreaterThan(100);
    }
    const dropRate = Number(await page.getByTestId('drop-rate-now').getAttribute('data-value'));
    expect(dropRate).toBe(stats.drop_rate);
    expect(dropRate).toBe(series.buckets.drop_rate_cumulative.at(-1) ?? 0);
    // Against the campaign's own target_drop_percentage (the blended demo campaign's 3 %).
    expect(series.target_drop_percentage).toBe(3);
    expect(await page.getByTestId('drop-rate-now').textContent()).toContain(
      `(target ${series.target_drop_percentage} %)`,
    );
    expect(await page.getByTestId('agent-timeline').getAttribute('data-points')).toBe('2');
    expect(await page.locator('.agent-timeline-row').count()).toBe(2);
    expect(await page.getByTestId('charts-window').textContent()).toMatch(/^Omni system time: /);
    // Each chart's table stands in for it.
    const figure = page.getByRole('figure', { name: 'Drop rate against the target' });
    await figure.locator('summary').click();
    expect(await figure.getByRole('table').locator('tbody tr').count()).toBe(10);
    await figure.locator('summary').click();
    // The charts are a screen of the console too: audited with their data drawn and the report's link shown.
    expect(await seriousViolations(page), 'axe on the live charts').toEqual([]);
    expect(await typeScaleOutliers(page), 'type scale on the live charts').toEqual([]);
    // On a phone the charts narrow to the screen: nothing wider than its box.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect
      .poll(() =>
        page.evaluate(() =>
          [document.documentElement, ...document.querySelectorAll<HTMLElement>('section, figure, .uplot')]
            .filter((el) => el.scrollWidth > el.clientWidth)
            .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth} > ${el.clientWidth}`),
        ),
      )
      .toEqual([]);
    expect(await seriousViolations(page), 'axe on the live charts at 390×844').toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
    // From the top: scrolled, the sticky header would be drawn across the middle of the whole-page picture.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SCREENSHOTS}supervisor-charts.png`, fullPage: true });
  }, 90_000);

  it('opens the simulated-day report from the view: each chart and the what-if table', async () => {
    const { page, context } = stack;
    const [report] = await Promise.all([
      context.waitForEvent('page'),
      page.getByTestId('simulation-report-link').click(),
    ]);
    await report.waitForSelector('body[data-charts-drawn="true"]', { timeout: 15_000 });
    for (const id of ['calls-chart', 'drop-chart', 'queue-chart', 'agents-chart'])
      expect(await report.locator(`#${id}`).getAttribute('data-points')).toBe('30');
    expect(await report.locator('#timeline-chart').getAttribute('data-points')).toBe('4');
    expect(await report.locator('table.what-if-table thead th').allTextContents()).toEqual([
      'Figure',
      'agents = 3',
      'agents = 4',
    ]);
    expect(await seriousViolations(report), 'axe on the simulated-day report').toEqual([]);
    await report.setViewportSize({ width: 1100, height: 900 });
    await report.locator('#charts-title').evaluate((el) => el.scrollIntoView());
    await report.screenshot({ path: `${SCREENSHOTS}simulated-day-report.png`, fullPage: false });
    await report.close();
  }, 60_000);
});
