import { OMNI_ERROR_MESSAGES } from '../../src/shared/console-api.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/**
 * Issue #9's agent flow in Chromium against the mock (manual clock, real WebRTC audio): sign in →
 * register → login → ready → click-2-dial → hold/retrieve → recording → conference → connect →
 * dispose → shotgun → preview → an inbound call on the blended campaign → supervisor → reload →
 * logout. The steps share one page and run in order; each names what it asserts.
 */
let stack: ConsoleStack;
let page: Page;

const shot = (name: string) => page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: false });
const errorShown = (text: string) => page.getByRole('alert').filter({ hasText: text }).first();

beforeAll(async () => {
  stack = await startConsoleStack();
  page = stack.page;
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

    await page.locator('input[name=password]').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('password1');
    const button = await tabTo(page, /^Sign in$/);
    expect(button.tag).toBe('button');
    await page.keyboard.press('Enter');
    await waitForText(page, 'phone-status', /^registered$/);
    expect(await page.getByText('agent1 · ext 1001').isVisible()).toBe(true);
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

    await page.getByRole('button', { name: 'Register phone' }).click();
    await waitForText(page, 'phone-status', /^registered$/);
    await page.getByRole('button', { name: 'Log in to campaign' }).click();
    await waitForText(page, 'agent-state', /^paused$/);
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
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
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
    await tabTo(page, /^Pause$/);
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
    expect(shift.total, shift.entries.join('\n')).toBeLessThan(0.01);
  }, 90_000);
});
