/**
 * The inbox in Chromium against the mock: the demo data's waiting customers arrive live when the agent
 * goes ready; a customer's WhatsApp message injected through the mock's control route waits while the
 * agent is at the campaign's limit and arrives live, with its unread count, once the agent closes one
 * with a disposition; the agent reads it and replies, and
 * the reply's ticks advance on the manual clock (queued, then delivered, then read); past 24 hours
 * the reply box gives way to the template picker, a template with its variables goes out, and the
 * conversation is closed with a disposition. axe-core finds no serious or critical violation at
 * 1366×768 or at 390×844, and nothing is wider than the phone's screen. It writes `inbox.png`.
 *
 * @module
 */

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe-audit.js';
import { type ConsoleStack, SCREENSHOTS, startConsoleStack } from './console-browser-fixture.js';
import { until } from './page-probes.js';

let stack: ConsoleStack;
let page: Page;
const pageErrors: string[] = [];

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
/** A magic address of the mock (apps/mock-omni/docs/messaging-addresses.md): delivered, read 5 s later. */
const CUSTOMER = '0800666002';
/** An approved template of the mock's demo data. */
const TEMPLATE = { template_name: 'order_update', language: 'en_US', category: 'UTILITY' };
const DAY_MS = 24 * 60 * 60 * 1000;

async function expectAccessible(screen: string): Promise<void> {
  expect(await seriousViolations(page), `axe on ${screen}`).toEqual([]);
}

/** The messaging campaign that takes new WhatsApp conversations: the lowest id carrying the channel. */
async function whatsappCampaignName(): Promise<string> {
  const key = { Authorization: `Key=${stack.mock.defaultSystemKey}`, 'content-type': 'application/json' };
  const login = await fetch(`${stack.mockUrl}/omni/user/authorize`, {
    method: 'POST',
    headers: key,
    body: JSON.stringify({ user_name: 'agent5', password: Buffer.from('password5').toString('base64') }),
  });
  const { token_key } = (await login.json()) as { token_key: string };
  const res = await fetch(`${stack.mockUrl}/omni/messaging/campaigns`, { headers: { ...key, tokenKey: token_key } });
  const { campaigns } = (await res.json()) as {
    campaigns: { campaign_id: number; campaign_name: string; channels: string[] }[];
  };
  const found = campaigns
    .filter((c) => c.channels.includes('whatsapp'))
    .sort((a, b) => a.campaign_id - b.campaign_id)[0];
  if (!found) throw new Error('the mock’s demo data has no messaging campaign carrying WhatsApp');
  return found.campaign_name;
}

async function signIn(): Promise<void> {
  await page.getByLabel('User name').fill('agent2');
  await page.locator('input[name="password"]').fill('password2');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Agent console' }).waitFor();
  await page.locator('label', { hasText: /^Inbox/ }).click();
  await page.getByRole('heading', { name: 'Inbox', level: 2 }).waitFor();
}

/** The delivery state drawn under the agent's newest message. */
const lastTicks = () =>
  page.locator('[data-direction="outbound"]').last().locator('[data-ticks]').getAttribute('data-ticks');

/** Advances the manual clock a second at a time until the newest outbound message shows `level`. */
async function advanceUntilTicks(level: string, maxSeconds: number): Promise<string[]> {
  const seen: string[] = [];
  for (let s = 0; s <= maxSeconds; s++) {
    const now = await lastTicks();
    if (now && seen.at(-1) !== now) seen.push(now);
    if (now === level) return seen;
    await stack.advance(1000);
    await page.waitForTimeout(150);
  }
  const now = await until('the ticks to settle', lastTicks, (t) => t === level, 5000);
  if (now && seen.at(-1) !== now) seen.push(now);
  return seen;
}

beforeAll(async () => {
  stack = await startConsoleStack();
  page = stack.page;
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.setViewportSize(DESKTOP);
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

describe('the inbox', () => {
  it('joins a messaging campaign and goes ready: the waiting customers arrive live with unread counts', async () => {
    const campaignName = await whatsappCampaignName();
    await page.goto(stack.url);
    await signIn();
    expect(await page.getByTestId('no-conversations').isVisible()).toBe(true);
    await page.getByLabel('Messaging campaign').selectOption({ label: campaignName });
    await page.getByRole('button', { name: 'Take conversations' }).click();
    await page.getByTestId('messaging-state').filter({ hasText: 'paused' }).waitFor();
    await expectAccessible('inbox, joined, 1366×768');
    await page.getByRole('button', { name: 'Ready for conversations' }).click();
    await page.getByTestId('messaging-state').filter({ hasText: 'ready' }).waitFor();
    // The demo data's three waiting customers (WhatsApp, SMS, email) are offered at once: the campaign's limit.
    const rows = page.locator('.conversation-row');
    await until(
      'three conversations',
      () => rows.count(),
      (n) => n === 3,
    );
    expect(await page.getByTestId('unread-count').allTextContents()).toEqual(['1 unread', '1 unread', '1 unread']);
    const listed = (await rows.allTextContents()).join(' ');
    for (const channel of ['WhatsApp', 'SMS', 'Email']) expect(listed).toContain(channel);
    expect(await page.locator('label', { hasText: /^Inbox/ }).textContent()).toBe('Inbox (3)');
    await expectAccessible('inbox, three conversations, 1366×768');
  }, 60_000);

  it('a new customer waits while the agent is full; closing one brings it in live with its unread count', async () => {
    await stack.control('POST', '/__mock/messages/inbound', {
      channel: 'whatsapp',
      from: CUSTOMER,
      body: 'Hello, has my order shipped?',
    });
    const email = page.locator('.conversation-row', { hasText: 'Email' });
    await email.click();
    await page.getByTestId('thread').getByText('my invoice shows the wrong VAT number').waitFor();
    const close = page.getByRole('form', { name: 'Close the conversation' });
    // No disposition is chosen for the agent.
    expect(await close.getByRole('button', { name: 'Close conversation' }).isDisabled()).toBe(true);
    await page.getByLabel('Close with disposition').selectOption('NI');
    await close.getByRole('button', { name: 'Close conversation' }).click();
    await page
      .getByTestId('confirmation')
      .filter({ hasText: /was closed as NI\./ })
      .waitFor();

    const row = page.locator('.conversation-row', { hasText: CUSTOMER });
    await row.waitFor();
    expect(await row.getByTestId('unread-count').textContent()).toBe('1 unread');
    expect(await row.textContent()).toContain('WhatsApp');
    expect(await row.textContent()).toContain('Hello, has my order shipped?');
    await expectAccessible('inbox, a new conversation, 1366×768');
  }, 30_000);

  it('reading the thread clears the count; a reply’s ticks advance on the manual clock', async () => {
    const row = page.locator('.conversation-row', { hasText: CUSTOMER });
    await row.click();
    await page.getByTestId('thread').getByText('Hello, has my order shipped?').waitFor();
    await row.getByTestId('unread-count').waitFor({ state: 'detached' });
    expect(await page.getByTestId('window-state').textContent()).toMatch(/^Reply window open until /);

    await page.getByLabel('Reply', { exact: true }).fill('Yes: it left our warehouse this morning.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const reply = page.locator('[data-direction="outbound"]', { hasText: 'it left our warehouse' });
    await reply.waitFor();
    expect(await reply.locator('[data-ticks]').getAttribute('data-ticks')).toBe('pending');
    expect(await reply.getByTestId('delivery-words').textContent()).toBe('Queued');
    // The field is emptied only once the message was accepted.
    expect(await page.getByLabel('Reply', { exact: true }).inputValue()).toBe('');

    const seen = await advanceUntilTicks('seen', 10);
    expect(seen[0]).toBe('pending');
    expect(seen).toContain('delivered');
    expect(seen.at(-1)).toBe('seen');
    expect(seen.indexOf('delivered')).toBeLessThan(seen.indexOf('seen'));
    expect(await reply.getByTestId('delivery-words').textContent()).toBe('Read');
    await expectAccessible('inbox, a thread with ticks, 1366×768');
  }, 60_000);

  it('past 24 hours only a template may go: the picker, its variables, sent', async () => {
    await stack.advance(DAY_MS + 60_000);
    // A day on the manual clock outlives the agent's Omni token (8 h): the console authorizes again with the
    // password it keeps, and the agent stays signed in.
    await page.locator('.conversation-row', { hasText: CUSTOMER }).click();
    const picker = page.getByTestId('template-picker');
    await picker.waitFor();
    expect(await page.getByTestId('window-state').textContent()).toMatch(/^Reply window closed at /);
    expect(await page.getByLabel('Reply', { exact: true }).count()).toBe(0);

    await page
      .getByLabel('Template', { exact: true })
      .selectOption({ label: `${TEMPLATE.template_name} (${TEMPLATE.language}, ${TEMPLATE.category})` });
    await page.getByRole('button', { name: 'Send template' }).click();
    // A missing variable is named before anything is sent.
    await page.getByRole('alert').filter({ hasText: 'Give variable {{1}} a value' }).waitFor();
    await page.getByLabel('Variable {{1}}').fill('Thandi');
    await page.getByLabel('Variable {{2}}').fill('A-1042');
    expect(await page.getByTestId('template-preview').textContent()).toBe('Hi Thandi, your order A-1042 has shipped.');
    await page.getByRole('button', { name: 'Send template' }).click();
    const sent = page.locator('[data-direction="outbound"]', { hasText: 'Hi Thandi, your order A-1042 has shipped.' });
    await sent.waitFor();
    expect(await sent.textContent()).toContain(`Template ${TEMPLATE.template_name} (${TEMPLATE.language})`);
    await advanceUntilTicks('delivered', 5);
    await expectAccessible('inbox, the template picker, 1366×768');
    await page.screenshot({ path: `${SCREENSHOTS}inbox.png` });
  }, 60_000);

  it('390×844: nothing wider than the screen, accessible', async () => {
    await page.setViewportSize(PHONE);
    const wide = await page.evaluate(() => {
      const out: string[] = [];
      const doc = document.documentElement;
      if (doc.scrollWidth > doc.clientWidth) out.push(`document ${doc.scrollWidth} > ${doc.clientWidth}`);
      for (const el of document.querySelectorAll<HTMLElement>('header, section, main, form'))
        if (el.scrollWidth > el.clientWidth) out.push(`${el.tagName} ${el.scrollWidth} > ${el.clientWidth}`);
      return out;
    });
    expect(wide).toEqual([]);
    await expectAccessible('inbox 390×844');
    await page.setViewportSize(DESKTOP);
  }, 30_000);

  it('closes the conversation with a disposition, confirmed in words', async () => {
    const close = page.getByRole('form', { name: 'Close the conversation' });
    await page.getByLabel('Close with disposition').selectOption('SALE');
    await page.getByLabel('Close notes').fill('Order tracked');
    await close.getByRole('button', { name: 'Close conversation' }).click();
    await page
      .getByTestId('confirmation')
      .filter({ hasText: /was closed as SALE\./ })
      .waitFor();
    await page.getByText('This conversation is closed.').waitFor();
    expect(await page.locator('.conversation-row', { hasText: CUSTOMER }).textContent()).toContain('closed');
    await expectAccessible('inbox, a closed conversation, 1366×768');
    expect(pageErrors).toEqual([]);
  }, 30_000);
});
