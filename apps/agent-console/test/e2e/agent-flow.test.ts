/**
 * The agent's whole flow in Chromium against the mock (manual clock, real WebRTC audio): sign in →
 * register → login → ready → click-2-dial → hold/retrieve → recording → conference → connect →
 * dispose → shotgun → preview → an inbound call on the blended campaign → supervisor → reload →
 * logout. The steps share one page and run in order; each names what it asserts.
 *
 * @module
 */

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OMNI_ERROR_MESSAGES } from '../../src/shared/omni-error-messages.js';
import { seriousViolations } from './axe-audit.js';
import { type ConsoleStack, MESSAGES_OF_THE_DAY, SCREENSHOTS, startConsoleStack } from './console-browser-fixture.js';
import {
  audioLevel,
  focused,
  inboundAudio,
  layoutShift,
  tabTo,
  until,
  waitForText,
  watchLayoutShift,
} from './page-probes.js';

let stack: ConsoleStack;
let page: Page;
/** Uncaught exceptions in the page: there must be none. */
const pageErrors: string[] = [];

const shot = (name: string) => page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: false });
/** The agent's state as Omni tells the console (the page's own session, through the backend). */
const agentState = () =>
  page.evaluate(async () => ((await (await fetch('/api/agent')).json()) as { agent_state: string }).agent_state);

/** Advances the mock's clock in steps until Omni has put a call through to the agent. */
async function advanceUntilOnCall(stepMs: number): Promise<void> {
  await until(
    'a call put through to the agent',
    async () => {
      await stack.advance(stepMs);
      return agentState();
    },
    (state) => state === 'on_call',
    30_000,
  );
}

/** axe-core on the screen as it is: no serious or critical violation. */
const expectAccessible = async (screen: string) =>
  expect(await seriousViolations(page), `axe on ${screen}`).toEqual([]);

const errorShown = (text: string) => page.getByRole('alert').filter({ hasText: text }).first();

beforeAll(async () => {
  stack = await startConsoleStack();
  page = stack.page;
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

describe('the agent console in Chromium', () => {
  it('signs in with the keyboard only; a refused password keeps the user name', async () => {
    await page.goto(stack.url);
    await page.getByRole('heading', { name: 'Agent console' }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}sign-in.png` });

    // Keyboard only from here: the user name field has focus on arrival.
    expect((await focused(page))?.name).toMatch(/^User name/);
    await page.keyboard.type('agent1');
    await tabTo(page, /^Password/);
    await page.keyboard.type('wrong-password');
    await page.keyboard.press('Enter');
    const refused = page.getByRole('alert').filter({ hasText: /./ }).first();
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/user name or password|password/i);
    expect(await page.getByLabel('User name').inputValue()).toBe('agent1');

    // Enter left focus in the password field; without a pointer, Tab would bring it back there anyway.
    if (!/^Password/.test((await focused(page))?.name ?? '')) await tabTo(page, /^Password/);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('password1');
    const button = await tabTo(page, /^Sign in$/);
    expect(button.tag).toBe('button');
    await page.keyboard.press('Enter');
    await waitForText(page, 'phone-status', /^registered$/);
    expect(await page.getByText('agent1 · ext 1001').isVisible()).toBe(true);
    // Times from Omni's clock say so: the mock's clock may read another day than the browser's.
    await waitForText(
      page,
      'phone-expiry',
      /^WebRTC session valid until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(Omni system time\)$/,
    );
    expect(await page.getByTestId('feed-time-note').textContent()).toMatch(/^Times are Omni system time \(UTC\)/);
  }, 60_000);

  it('shows three Omni errors in words and keeps what the agent typed', async () => {
    // AGENT_NOT_LOGGED_IN: dialling before a campaign login.
    await page.getByLabel('Phone number').fill('0800555008');
    await page.getByRole('button', { name: 'Dial', exact: true }).click();
    await errorShown(OMNI_ERROR_MESSAGES.AGENT_NOT_LOGGED_IN).waitFor();
    expect(await page.getByLabel('Phone number').inputValue()).toBe('0800555008');

    // EXTENSION_NOT_REGISTERED: a campaign login with the phone unregistered.
    await page.getByRole('button', { name: 'Unregister phone' }).click();
    await waitForText(page, 'phone-status', /^not registered$/);
    const campaign = page.getByRole('combobox', { name: 'Campaign' });
    const chosen = await campaign.locator('option').nth(0).getAttribute('value');
    await campaign.selectOption(chosen ?? '1');
    await page.getByRole('button', { name: 'Log in to campaign' }).click();
    await errorShown(OMNI_ERROR_MESSAGES.EXTENSION_NOT_REGISTERED).waitFor();
    expect(await campaign.inputValue()).toBe(chosen);
    await shot('errors-in-words');
    await expectAccessible('errors in words');

    await page.getByRole('button', { name: 'Register phone' }).click();
    await waitForText(page, 'phone-status', /^registered$/);
    await page.getByRole('button', { name: 'Log in to campaign' }).click();
    await waitForText(page, 'agent-state', /^paused$/);
    // The login's bridge call rang the browser's phone, which answered it.
    await waitForText(page, 'bridge-state', /^connected$/);
    await waitForText(page, 'motd', new RegExp(`^Message of the day: ${MESSAGES_OF_THE_DAY[1]}$`));

    // NOT_FOUND: a lead Omni does not know; both fields stay as typed.
    await page.getByLabel('Lead id (optional)').fill('999999');
    await page.getByRole('button', { name: 'Dial', exact: true }).click();
    await errorShown(OMNI_ERROR_MESSAGES.NOT_FOUND).waitFor();
    expect(await page.getByLabel('Phone number').inputValue()).toBe('0800555008');
    expect(await page.getByLabel('Lead id (optional)').inputValue()).toBe('999999');
    await page.getByLabel('Lead id (optional)').fill('');
  }, 60_000);

  it('keyboard only: ready, dial, hold, retrieve, record, conference, connect, dispose — no layout shift, real audio', async () => {
    await tabTo(page, /^Ready$/);
    await page.keyboard.press('Enter');
    await waitForText(page, 'agent-state', /^ready$/);

    await watchLayoutShift(page);
    await tabTo(page, /^Phone number/);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0800555008');
    await page.keyboard.press('Enter');
    await waitForText(page, 'call-state', /dialling|ringing/);
    await stack.advance(2_000);
    await waitForText(page, 'call-state', /^connected$/);
    await waitForText(page, 'talk-timer', /^0:0[1-9]$/);

    // Real audio: RTP arrives in the browser and it is not silence.
    const heard = await until(
      'inbound RTP in the page',
      () => inboundAudio(page),
      (s) => s.packetsReceived > 25,
    );
    expect(heard.codec.toLowerCase()).toBe('audio/opus');
    expect(await audioLevel(page, 600)).toBeGreaterThan(0.02);
    await shot('call-live');

    await tabTo(page, /^Hold$/);
    await page.keyboard.press('Enter');
    await waitForText(page, 'call-state', /^on hold$/);
    await waitForText(page, 'hold-timer', /^0:0[1-9]$/);
    expect((await focused(page))?.name).toBe('Retrieve');
    await page.keyboard.press('Enter');
    await waitForText(page, 'call-state', /^connected$/);

    await tabTo(page, /^Start recording$/);
    await page.keyboard.press('Enter');
    await waitForText(page, 'recording-state', /^recording$/);
    await stack.advance(3_000); // the recording has the call's (virtual) length
    await tabTo(page, /^Pause recording$/);
    await page.keyboard.press('Enter');
    await waitForText(page, 'recording-state', /^paused$/);
    await page.keyboard.press('Enter');
    await waitForText(page, 'recording-state', /^recording$/);
    await tabTo(page, /^Stop recording$/);
    await page.keyboard.press('Enter');
    await waitForText(page, 'recording-state', /^stopped$/);
    const src = await until(
      'the playback URL',
      () => page.getByTestId('recording-playback').getAttribute('src'),
      (s) => !!s,
    );
    const wav = await page.evaluate(async (url) => {
      const res = await fetch(url ?? '');
      return { status: res.status, type: res.headers.get('content-type'), size: (await res.arrayBuffer()).byteLength };
    }, src);
    expect(wav.status).toBe(200);
    expect(wav.type).toMatch(/audio\/(wav|x-wav|wave)/);
    expect(wav.size).toBeGreaterThan(8_000); // a 44-byte header and ~3 s of audio

    await tabTo(page, /^3rd-party number/);
    await page.keyboard.type('0800555001');
    await page.keyboard.press('Enter');
    await waitForText(page, 'conference-state', /0800555001: (dialling|ringing)/);
    await stack.advance(4_000);
    await waitForText(page, 'conference-state', /0800555001: connected/);
    await tabTo(page, /^Connect parties$/);
    await page.keyboard.press('Enter');
    await waitForText(page, 'agent-state', /^wrap-up$/);

    // The disposition takes focus once the agent's part has ended.
    await until(
      'focus on the disposition',
      () => focused(page),
      (f) => f?.name === 'Disposition',
    );
    await page.keyboard.press('S'); // SALE
    expect(await page.getByRole('combobox', { name: 'Disposition' }).inputValue()).toBe('SALE');
    await tabTo(page, /^Notes/);
    await page.keyboard.type('Sold the premium plan; connected to a colleague.');
    await tabTo(page, /^Dispose$/);
    await page.keyboard.press('Enter');
    await waitForText(page, 'call-state', /^idle$/);

    const shift = await layoutShift(page);
    console.info(`cumulative layout shift from dial to disposition: ${shift.total.toFixed(5)}`);
    expect(shift.total, shift.entries.join('\n')).toBeLessThan(0.01);
  }, 90_000);

  it('shotgun: five numbers race leg by leg, the first to answer is put through; hang up; a callback needs a date', async () => {
    await waitForText(page, 'agent-state', /^(ready|paused)$/);
    const numbers = ['0800555002', '0800555005', '0800555003', '0800555001', '0800555009'];
    for (const [i, n] of numbers.entries()) await page.getByLabel(`Number ${i + 1}`).fill(n);
    await page.getByRole('button', { name: 'Start shotgun' }).click();
    await waitForText(page, 'shotgun-state', /^race racing$/);
    const legs = page.getByTestId('shotgun-legs').locator('tbody tr');
    const row = (n: string) => legs.filter({ hasText: n });
    for (const n of numbers) await row(n).waitFor();

    // Busy and invalid numbers fail after a second, while the others still ring: the race shows each leg.
    await stack.advance(1_500);
    await row('0800555002').filter({ hasText: 'busy' }).waitFor();
    await row('0800555005').filter({ hasText: 'invalid number' }).waitFor();
    expect(await page.getByTestId('shotgun-state').textContent()).toBe('race racing');
    expect(await row('0800555001').textContent()).toMatch(/ringing/);

    await stack.advance(2_000);
    await waitForText(page, 'shotgun-state', /^race won$/);
    await row('0800555001').filter({ hasText: 'answered — yours' }).waitFor();
    await row('0800555003').filter({ hasText: 'dropped' }).waitFor();
    await row('0800555009').filter({ hasText: 'dropped' }).waitFor();
    await page.getByRole('heading', { name: 'To 0800555001' }).waitFor();
    await waitForText(page, 'call-state', /^connected$/);
    await shot('shotgun-race');
    await expectAccessible('a shotgun race won');

    await page.getByRole('button', { name: 'Hang up' }).click();
    await waitForText(page, 'agent-state', /^wrap-up$/);
    await page.getByRole('combobox', { name: 'Disposition' }).selectOption('CALLBK');
    await page.getByLabel('Notes').fill('Call back after the board meeting.');
    await page.getByRole('button', { name: 'Dispose' }).click();
    await errorShown('A callback needs a date and time').waitFor();
    expect(await page.getByLabel('Notes').inputValue()).toBe('Call back after the board meeting.');
    await page.getByLabel('Callback at').fill('2026-01-06T10:30');
    await page.getByRole('button', { name: 'Dispose' }).click();
    await waitForText(page, 'call-state', /^idle$/);

    // A second race, cancelled while every leg still rings.
    const slow = ['0800555003', '0800555009'];
    for (const [i] of numbers.entries()) await page.getByLabel(`Number ${i + 1}`).fill(slow[i] ?? '');
    await page.getByRole('button', { name: 'Start shotgun' }).click();
    await waitForText(page, 'shotgun-state', /^race racing$/);
    await page.getByRole('button', { name: 'Cancel race' }).click();
    await waitForText(page, 'shotgun-state', /^race cancelled$/);
    for (const n of slow) await row(n).filter({ hasText: 'dropped' }).waitFor();
    expect(await legs.filter({ hasText: /\d{6}/ }).count()).toBe(2);
  }, 60_000);

  it('preview: takes the next lead, skips one, calls another and sees its other_info', async () => {
    await page.getByRole('button', { name: 'Log out of campaign' }).click();
    await waitForText(page, 'agent-state', /^logged out$/);
    const campaign = page.getByRole('combobox', { name: 'Campaign' });
    await campaign.selectOption('3');
    await waitForText(page, 'motd', new RegExp(MESSAGES_OF_THE_DAY[3] ?? ''));
    await page.getByRole('button', { name: 'Log in to campaign' }).click();
    await waitForText(page, 'agent-state', /^paused$/);

    await page.getByRole('button', { name: 'Next lead' }).click();
    const lead = page.getByTestId('preview-lead');
    await lead.waitFor();
    const first = await lead.locator('p').first().textContent();
    await shot('preview-lead');
    await expectAccessible('a preview lead');
    await page.getByRole('button', { name: 'Skip lead' }).click();
    await page.getByText(/^Skipped /).waitFor();

    await page.getByRole('button', { name: 'Next lead' }).click();
    await lead.waitFor();
    const second = await lead.locator('p').first().textContent();
    expect(second).not.toBe(first);
    const otherInfo = (await lead.locator('p').nth(1).textContent()) ?? '';
    expect(otherInfo.length).toBeGreaterThan(0);
    await lead
      .getByRole('button', { name: /^Call / })
      .first()
      .click();
    await page.getByTestId('lead-info').filter({ hasText: otherInfo }).waitFor();

    const hangUp = page.getByRole('button', { name: 'Hang up' });
    if (await hangUp.isEnabled()) await hangUp.click();
    await waitForText(page, 'agent-state', /^wrap-up$/);
    await page.getByRole('combobox', { name: 'Disposition' }).selectOption('NI');
    await page.getByRole('button', { name: 'Dispose' }).click();
    await waitForText(page, 'call-state', /^idle$/);
  }, 60_000);

  it('blended campaign: an inbound call with the number dialled, then a dialler call with the lead’s other_info', async () => {
    await page.getByRole('button', { name: 'Log out of campaign' }).click();
    await waitForText(page, 'agent-state', /^logged out$/);
    await page.getByRole('combobox', { name: 'Campaign' }).selectOption('5');
    await page.getByRole('button', { name: 'Log in to campaign' }).click();
    await waitForText(page, 'agent-state', /^paused$/);
    await page.getByRole('button', { name: 'Ready' }).click();
    await waitForText(page, 'agent-state', /^ready$/);

    // The caller rings by a click in the supervisor view (mock only), as a person trying the console would.
    const views = page.getByRole('radiogroup', { name: 'View' });
    await views.getByText('Supervisor (mock only)', { exact: true }).click();
    await page.getByLabel('Number dialled').fill('0861000005');
    await page.getByLabel('Caller').fill('0215550123');
    await page.getByRole('button', { name: 'Ring inbound call' }).click();
    await waitForText(page, 'inbound-placed', /^0215550123 is calling 0861000005 as call \d+$/);
    await views.getByText('Agent', { exact: true }).click();
    // Move the clock only until Omni has put the call through, then let the page catch up on the
    // wall clock: a clock run ahead could end the call before the page shows it.
    await advanceUntilOnCall(250);
    await page.getByRole('heading', { name: 'From 0215550123' }).waitFor();
    await page.getByText(/inbound call · dialled 0861000005/).waitFor();
    await page.getByTestId('feed').locator('li[data-type="inbound"]').first().waitFor();

    // Readable at tablet width: nothing wider than the screen.
    await page.setViewportSize({ width: 768, height: 1024 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    await shot('inbound-call-768');
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await shot('inbound-call');
    await expectAccessible('an inbound call');

    // A 3rd party who does not answer: the agent drops that leg and stays with the caller.
    await page.getByLabel('3rd-party number').fill('0800555003');
    await page.getByRole('button', { name: 'Call 3rd party' }).click();
    await waitForText(page, 'conference-state', /^0800555003: (dialling|ringing)$/);
    await page.getByRole('button', { name: 'Drop 3rd party' }).click();
    await waitForText(page, 'conference-state', /^0800555003: ended$/);
    await waitForText(page, 'call-state', /^connected$/);

    await page.getByRole('button', { name: 'Hang up' }).click();
    await waitForText(page, 'agent-state', /^wrap-up$/);
    await page.getByRole('combobox', { name: 'Disposition' }).selectOption('SALE');
    await page.getByRole('button', { name: 'Dispose' }).click();
    await waitForText(page, 'call-state', /^idle$/);

    // Still ready on the blended campaign: the dialler puts a lead's call through.
    await advanceUntilOnCall(1_000);
    await page.getByText(/dialler call/).waitFor();
    const info = page.getByTestId('lead-info');
    await info.filter({ hasText: /\(lead \d+\)/ }).waitFor();
    expect(((await info.locator('p').nth(1).textContent()) ?? '').length).toBeGreaterThan(0);
    await shot('dialler-call');
    await page.getByRole('button', { name: 'Hang up' }).click();
    await waitForText(page, 'agent-state', /^wrap-up$/);
    await page.getByRole('combobox', { name: 'Disposition' }).selectOption('NI');
    await page.getByRole('button', { name: 'Dispose' }).click();
    await waitForText(page, 'call-state', /^idle$/);
    await page.getByRole('combobox', { name: 'Pause code' }).selectOption('LUNCH');
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await waitForText(page, 'agent-state', /^paused$/);
    // The pause code reached Omni: its agent_state notification carries it.
    await page
      .getByTestId('feed')
      .locator('li[data-type="agent_state"]')
      .filter({ hasText: 'paused (LUNCH)' })
      .waitFor();
    const feed = page.getByRole('region', { name: 'Notifications' });
    await feed.locator('li[data-type="cdr"]').first().waitFor();
    await feed.screenshot({ path: `${SCREENSHOTS}notifications-feed.png` });
    await page.screenshot({ path: `${SCREENSHOTS}console-full-page.png`, fullPage: true });
  }, 90_000);

  it('supervisor view (mock only): campaign statistics and agents’ states', async () => {
    await page.getByText('Supervisor (mock only)', { exact: true }).click();
    await page.getByRole('heading', { name: 'Supervisor (mock only)' }).waitFor();
    const stats = page.getByRole('table', { name: 'Campaign statistics' });
    await stats.locator('tbody tr').filter({ hasText: 'Preview' }).first().waitFor();
    await waitForText(page, 'supervisor-time', /^Omni system time: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
    const agents = page.getByRole('table', { name: 'Agents' });
    await agents.locator('tbody tr').filter({ hasText: 'agent1' }).filter({ hasText: 'paused' }).waitFor();
    await shot('supervisor');
    await page.getByRole('radiogroup', { name: 'View' }).getByText('Agent', { exact: true }).click();
    await page.getByTestId('phone-status').waitFor();
  }, 30_000);

  it('a reload drops the phone: the console says so and registers again', async () => {
    await page.reload();
    await page.getByText(/This page was reloaded\. A reload drops the phone’s registration/).waitFor();
    await waitForText(page, 'phone-status', /^registered$/);
    // Omni logged the agent out when the bridge call dropped.
    await waitForText(page, 'agent-state', /^logged out$/);
    await shot('reload-notice');
    await expectAccessible('the reload notice');
  }, 30_000);

  it('logs in again, logs out of the campaign, and signs out', async () => {
    await page.getByRole('combobox', { name: 'Campaign' }).selectOption('1');
    await page.getByRole('button', { name: 'Log in to campaign' }).click();
    await waitForText(page, 'agent-state', /^paused$/);
    await page.getByRole('button', { name: 'Log out of campaign' }).click();
    await waitForText(page, 'agent-state', /^logged out$/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('User name').waitFor();
    const session = await page.evaluate(async () => (await fetch('/api/session')).status);
    expect(session).toBe(401);
    expect(pageErrors).toEqual([]);
  }, 30_000);
});
