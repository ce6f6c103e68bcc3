/**
 * The console in Chromium against a stand-in for a real Omni: `omni-mock --strict` (no control API
 * but `/health`, no magic numbers, a real clock), with the console left at its default `--target
 * mock`, as a developer switching their mock to strict would. What needs the control API degrades
 * with a note instead of failing: no list of the mock's agents, no supervisor view, the WebRTC
 * password from `--webrtc-password` (an agent without one is told which flag gives it), the inbox on
 * the wall clock. The mock signs no notification (`--vary notifications=unsigned`: TForge's wiki
 * documents no signature), and the feed still shows them. Then the agent's call flow on a test
 * line, with no answer of 500 or more and no request for a control-API feature along the way.
 *
 * @module
 */

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleStack, startConsoleStack } from './console-browser-fixture.js';
import { waitForText } from './page-probes.js';

let stack: ConsoleStack;
let page: Page;
const pageErrors: string[] = [];
/** Answers of 500 or more, and every request for a feature that needs the control API. */
const troubles: string[] = [];
const MOCK_ONLY_ROUTES = ['/api/demo-agents', '/api/supervisor'];

/** A test line of the strict mock (answers after 1 s, never hangs up). */
const TEST_LINE = '0870000001';

beforeAll(async () => {
  stack = await startConsoleStack({
    strict: true,
    vary: 'notifications=unsigned',
    consoleArgs: ['--webrtc-password', 'agent1=webrtc1'],
  });
  page = stack.page;
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (response.status() >= 500 || MOCK_ONLY_ROUTES.some((p) => path.startsWith(p)))
      troubles.push(`${response.status()} ${response.request().method()} ${path}`);
  });
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

const views = () => page.getByRole('radiogroup', { name: 'View' });

async function signIn(user: string, password: string): Promise<void> {
  await page.getByLabel('User name').fill(user);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(`${user} · ext`).waitFor();
}

describe('the console against omni-mock --strict (no control API), left at --target mock', () => {
  it('the sign-in page lists no agents and says the mock has no control API', async () => {
    await page.goto(stack.url);
    await page.getByRole('heading', { name: 'Agent console' }).waitFor();
    await waitForText(page, 'control-api-note', /no control API/);
    expect(await page.getByTestId('control-api-note').textContent()).toMatch(/--strict/);
    expect(await page.getByTestId('demo-agents').count()).toBe(0);
  }, 30_000);

  it('an agent without a WebRTC password is told which flag gives one; no supervisor view; the inbox reads', async () => {
    await signIn('agent2', 'password2');
    await page
      .getByText(/No WebRTC password is configured for agent2.*no control API.*--webrtc-password agent2=/)
      .waitFor();
    expect(await views().getByText('Supervisor (mock only)').count()).toBe(0);

    await views().getByText('Inbox', { exact: true }).click();
    await page.getByRole('heading', { name: 'Inbox' }).first().waitFor();
    // Three of the inbox's polls: none fails.
    await page.waitForTimeout(7_000);
    expect(await page.getByText(/The inbox cannot be read/).count()).toBe(0);
    await views().getByText('Agent', { exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Agent console' }).waitFor();
  }, 60_000);

  it('agent1 takes a call on a test line: register, log in, dial, hold, retrieve, hang up, dispose, log out', async () => {
    await signIn('agent1', 'password1');
    await waitForText(page, 'phone-status', /^registered$/);
    expect(await views().getByText('Supervisor (mock only)').count()).toBe(0);

    await page.getByRole('button', { name: 'Log in to campaign' }).click();
    await waitForText(page, 'agent-state', /^paused$/, 30_000);
    await page.getByRole('button', { name: 'Ready' }).click();
    await waitForText(page, 'agent-state', /^ready$/);
    await page.getByLabel('Phone number').fill(TEST_LINE);
    await page.getByRole('button', { name: 'Dial', exact: true }).click();
    await waitForText(page, 'call-state', /^connected$/);
    await page.getByRole('button', { name: 'Hold' }).click();
    await waitForText(page, 'call-state', /^on hold$/);
    await page.getByRole('button', { name: 'Retrieve' }).click();
    await waitForText(page, 'call-state', /^connected$/);
    await page.getByRole('button', { name: 'Hang up' }).click();
    await waitForText(page, 'agent-state', /^wrap-up$/);
    await page.getByRole('combobox', { name: 'Disposition' }).selectOption('SALE');
    await page.getByRole('button', { name: 'Dispose' }).click();
    await waitForText(page, 'call-state', /^idle$/);
    // Omni's notifications, unsigned, reached the feed: the call's states and its CDR, and the
    // disposition confirmed from the CDR.
    const feed = page.getByTestId('feed');
    await feed.locator('li[data-type="call_state"]').filter({ hasText: 'on_hold' }).first().waitFor();
    await feed.locator('li[data-type="cdr"]').filter({ hasText: 'SALE' }).first().waitFor();
    await page.getByText(/^Call \d+ was disposed as SALE\.$/).waitFor();
    await page.getByRole('button', { name: 'Log out of campaign' }).click();
    await waitForText(page, 'agent-state', /^logged out$/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Agent console' }).waitFor();

    expect(troubles).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
