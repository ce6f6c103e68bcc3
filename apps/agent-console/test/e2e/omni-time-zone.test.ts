/**
 * An Omni that writes date-times in VICIdial's local form (`YYYY-MM-DD HH:MM:SS`, no zone) in its
 * own time zone (`--vary dates=vicidial`, the system in Africa/Johannesburg, UTC+2): the console is
 * told the zone with `--omni-time-zone`, and the times it shows are the true instants (shown as UTC,
 * "Omni system time"), not two hours late.
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
    vary: 'dates=vicidial',
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
});
