/**
 * The supervisor's series and the simulated-day report over real loopback HTTP against the in-process mock: the
 * series pass the mock's answer through (its buckets grow as the manual clock advances), a bad campaign id is a 400
 * and an unknown one a 404, the report is served from `--simulation-report` as it is on disk, and without one the path
 * says how to make one.
 *
 * @module
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleError } from '../../../src/shared/console-errors.js';
import { SIMULATION_REPORT_PATH } from '../../../src/shared/console-routes.js';
import { supervisorSeries, supervisorView } from '../../../src/shared/console-schemas.js';
import { ConsoleBrowser, type ConsoleFixture, startConsoleFixture } from '../console-fixture.js';

let fx: ConsoleFixture | undefined;
let dir: string | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('GET /api/supervisor/campaigns/{campaign_id}/series (mock only)', () => {
  it('answers the mock’s series; a manual clock advanced by two hours gives two hours of minutes', async () => {
    fx = await startConsoleFixture();
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn('agent3', 'password3');
    await fx.control('POST', '/__mock/phones/1003/register');
    await browser.json('POST', '/api/login', { campaign_id: 5 });
    await browser.json('POST', '/api/state', { state: 'ready' });
    await fx.control('PUT', '/__mock/inbound/arrivals', {
      campaign_id: 5,
      calls_per_hour: Array.from({ length: 24 }, () => 30),
    });
    await fx.advance(7_200_000);
    const series = supervisorSeries.parse(await browser.json('GET', '/api/supervisor/campaigns/5/series'));
    expect(series.bucket_seconds).toBe(60);
    expect(series.buckets.start.length).toBeGreaterThanOrEqual(120);
    const direct = await (await fx.control('GET', '/__mock/campaigns/5/series')).json();
    expect(series).toEqual(direct);
    const stats = supervisorView
      .parse(await browser.json('GET', '/api/supervisor'))
      .campaigns.find((c) => c.campaign_id === 5)?.stats;
    expect(series.buckets.drop_rate_cumulative.at(-1) ?? 0).toBe(stats?.drop_rate);
    expect(series.buckets.inbound_offered.reduce((a, b) => a + b, 0)).toBe(stats?.inbound_offered);
    expect(series.agent_timeline.agents.map((a) => a.user_id)).toEqual([3]);
  });

  it('a campaign id that is not a positive whole number is a 400 naming the field; signed out a 401', async () => {
    fx = await startConsoleFixture();
    const browser = new ConsoleBrowser(fx.url);
    expect((await browser.request('GET', '/api/supervisor/campaigns/5/series')).status).toBe(401);
    await browser.signIn('agent3', 'password3');
    for (const bad of ['0', 'abc', '-1', '1.5']) {
      const res = await browser.request('GET', `/api/supervisor/campaigns/${bad}/series`);
      expect([bad, res.status]).toEqual([bad, 400]);
      expect(await res.json()).toMatchObject({ error: { code: 'BAD_REQUEST', field: 'campaign_id' } });
    }
  });

  it('a campaign the mock does not know is 404 NOT_FOUND in words, not an outage', async () => {
    fx = await startConsoleFixture();
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn('agent3', 'password3');
    const res = await browser.request('GET', '/api/supervisor/campaigns/999/series');
    expect(res.status).toBe(404);
    const { error } = consoleError.parse(await res.json());
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toMatch(/campaign 999/i);
    expect(error.message).not.toMatch(/control API refused/);
  });
});

describe(`${SIMULATION_REPORT_PATH} (mock only)`, () => {
  it('serves the --simulation-report file as it is now, and the supervisor view says it has one', async () => {
    dir = mkdtempSync(join(tmpdir(), 'console-report-'));
    const file = join(dir, 'day.html');
    writeFileSync(file, '<!doctype html><title>day one</title>');
    fx = await startConsoleFixture({ args: ['--simulation-report', file] });
    const first = await fetch(`${fx.url}${SIMULATION_REPORT_PATH}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await first.text()).toContain('day one');
    writeFileSync(file, '<!doctype html><title>day two</title>');
    expect(await (await fetch(`${fx.url}${SIMULATION_REPORT_PATH}`)).text()).toContain('day two');
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn('agent3', 'password3');
    expect(supervisorView.parse(await browser.json('GET', '/api/supervisor')).simulation_report).toBe(true);
    rmSync(file);
    const gone = await fetch(`${fx.url}${SIMULATION_REPORT_PATH}`);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain('cannot be read');
  });

  it('without a report: 404 saying how to make one; the supervisor view says it has none', async () => {
    fx = await startConsoleFixture();
    const res = await fetch(`${fx.url}${SIMULATION_REPORT_PATH}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('omni-mock simulate --report day.html');
    const browser = new ConsoleBrowser(fx.url);
    await browser.signIn('agent3', 'password3');
    expect(supervisorView.parse(await browser.json('GET', '/api/supervisor')).simulation_report).toBe(false);
  });
});
