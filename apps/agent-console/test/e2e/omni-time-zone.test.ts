/**
 * An Omni that writes date-times in VICIdial's local form (`YYYY-MM-DD HH:MM:SS`, no zone) in its
 * own time zone (`--vary dates=vicidial`, the system in Africa/Johannesburg, UTC+2): the console is
 * told the zone with `--omni-time-zone`, and the times it shows are the true instants (shown as UTC,
 * "Omni system time"), not two hours late. Its tokens live 15 minutes (`tokens=short-lived`): the phone
 * panel's expiry follows each renewal.
 *
 * @module
 */

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleStack, startConsoleStack } from './console-browser-fixture.js';
import { waitForText } from './page-probes.js';

let stack: ConsoleStack;
let page: Page;

beforeAll(async () => {
  stack = await startConsoleStack({
    vary: 'dates=vicidial,tokens=short-lived',
    consoleArgs: ['--omni-time-zone', 'Africa/Johannesburg'],
  });
  page = stack.page;
  page.setDefaultTimeout(15_000);
  const hours = (await stack.control('GET', '/__mock/office-hours')) as { windows: unknown };
  await stack.control('PUT', '/__mock/office-hours', { time_zone: 'Africa/Johannesburg', windows: hours.windows });
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

describe('an Omni writing local date-times in its own time zone', () => {
  it('the feed shows each notification at its true instant (the manual clock’s 08:00 UTC)', async () => {
    // The mock's manual clock stands at Monday 2026-01-05 08:00 UTC: 10:00 in Johannesburg.
    await page.goto(stack.url);
    await page.getByLabel('User name').fill('agent1');
    await page.getByRole('textbox', { name: 'Password' }).fill('password1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForText(page, 'phone-status', /^registered$/);
    await page.getByRole('button', { name: 'Log in to campaign' }).click();
    await waitForText(page, 'agent-state', /^paused$/);
    const loggedIn = page.getByTestId('feed').locator('li[data-type="agent_state"]').first();
    await loggedIn.waitFor();
    expect(await loggedIn.locator('time').getAttribute('datetime')).toBe('2026-01-05T08:00:00.000Z');
    expect(await loggedIn.locator('time').textContent()).toBe('08:00:00');
  }, 60_000);

  it('the phone panel shows the renewed token’s expiry, not the first one’s', async () => {
    // Signed in at 08:00 UTC: a 15-minute token, written in Johannesburg's local time and read back as UTC.
    await waitForText(page, 'phone-expiry', /^WebRTC session valid until 2026-01-05 08:15 UTC \(Omni system time\)$/);
    // Sixteen minutes on, the page's next read of the agent (every 2 s) meets the expired token; the backend
    // authorizes again, and the panel shows the new token's expiry.
    await stack.advance(16 * 60_000);
    await waitForText(page, 'phone-expiry', /^WebRTC session valid until 2026-01-05 08:31 UTC \(Omni system time\)$/);
    await waitForText(page, 'phone-status', /^registered$/);
  }, 60_000);
});
