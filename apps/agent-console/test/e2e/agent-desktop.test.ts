/**
 * The agent's desktop as a product, in Chromium against the mock: the core loop on one 1366×768
 * screen without scrolling, nothing wider than a 390 px phone, safer defaults (no disposition
 * chosen for the agent, Dial and Shotgun held back with their reason while a call is live, a
 * confirmation of what was disposed), the keyboard shortcuts and their list, words instead of codes
 * on the sign-in page, and an axe-core audit of every screen with no serious or critical finding.
 *
 * @module
 */

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe-audit.js';
import { type ConsoleStack, SCREENSHOTS, startConsoleStack } from './console-browser-fixture.js';
import { focused, typeScaleOutliers, until, waitForText } from './page-probes.js';

let stack: ConsoleStack;
let page: Page;
const pageErrors: string[] = [];

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

/** Fails naming each serious or critical axe finding on the screen as it is now. */
async function expectAccessible(screen: string): Promise<void> {
  expect(await seriousViolations(page), `axe on ${screen}`).toEqual([]);
}

/** Fails naming each piece of text off the theme's type scale, or a heading not in the body's font. */
async function expectOneTypeScale(screen: string): Promise<void> {
  expect(await typeScaleOutliers(page), `type scale on ${screen}`).toEqual([]);
}

/** The agent as Omni sees it, through the page's own session. */
const agent = () =>
  page.evaluate(async () => (await (await fetch('/api/agent')).json()) as { agent_state: string; call_id: number });

/** Each box that lies (partly) outside the viewport, by name; an element not shown counts as outside. */
async function outsideViewport(names: Record<string, ReturnType<Page['getByRole']>>): Promise<string[]> {
  const size = page.viewportSize() ?? DESKTOP;
  const out: string[] = [];
  for (const [name, locator] of Object.entries(names)) {
    const box = await locator.boundingBox();
    if (!box || box.x < 0 || box.y < 0 || box.x + box.width > size.width || box.y + box.height > size.height)
      out.push(`${name} ${JSON.stringify(box)}`);
  }
  return out;
}

/** The page and each panel that is wider than its box (content cut off or a sideways scroll). */
function overflowing(): Promise<string[]> {
  return page.evaluate(() => {
    const wide: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) wide.push(`document ${doc.scrollWidth} > ${doc.clientWidth}`);
    for (const el of document.querySelectorAll<HTMLElement>('header, section, main, form')) {
      if (el.scrollWidth > el.clientWidth)
        wide.push(
          `${el.tagName.toLowerCase()}#${el.id || el.getAttribute('aria-labelledby') || ''} ${el.scrollWidth} > ${el.clientWidth}`,
        );
    }
    return wide;
  });
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

describe('the agent desktop', () => {
  it('sign-in: the mock’s agents from its control API, the URL as written, accessible at both sizes', async () => {
    await page.goto(stack.url);
    const demo = page.getByTestId('demo-agents');
    await demo.waitFor();
    const { users } = (await stack.control('GET', '/__mock/users')) as {
      users: { user_name: string; extension: string }[];
    };
    const offered = await demo.getByRole('button').allTextContents();
    expect(offered).toEqual(users.map((u) => `${u.user_name} · ext ${u.extension}`));
    // The URL is shown as it is spelled (a badge used to upper-case it).
    expect(await page.getByText(stack.mockUrl, { exact: true }).isVisible()).toBe(true);
    const shown = await page
      .getByText(stack.mockUrl, { exact: true })
      .evaluate((el) => getComputedStyle(el).textTransform);
    expect(shown).toBe('none');
    // Where Omni is, not a connection: nothing is checked before a sign-in.
    const main = await page.getByRole('main').innerText();
    expect(main).toContain(`The Omni mock at ${stack.mockUrl}`);
    expect(main).not.toMatch(/connected/i);
    await expectAccessible('sign-in 1366×768');
    await expectOneTypeScale('sign-in');

    await page.setViewportSize(PHONE);
    expect(await overflowing()).toEqual([]);
    await expectAccessible('sign-in 390×844');
    await page.screenshot({ path: `${SCREENSHOTS}sign-in-390.png` });
    await page.setViewportSize(DESKTOP);

    await demo.getByRole('button', { name: 'agent2 · ext 1002' }).click();
    expect(await page.getByLabel('User name').inputValue()).toBe('agent2');
    expect((await focused(page))?.name).toMatch(/^Password/);
    await page.keyboard.type('password2');
    await page.keyboard.press('Enter');
    await waitForText(page, 'phone-status', /^registered$/);
  }, 60_000);

  it('idle console: no blank band under the header, accessible', async () => {
    const header = await page.locator('header').boundingBox();
    const panel = await page.locator('#call-panel').boundingBox();
    // The panel starts right under the header (the page's padding only, no empty error slot).
    expect((panel?.y ?? 0) - ((header?.y ?? 0) + (header?.height ?? 0))).toBeLessThanOrEqual(16);
    await page.getByRole('heading', { name: 'No call' }).waitFor();
    // Under "No call" the panel says what comes there, not an empty band.
    const band = await page.evaluate(() => {
      const heading = document.getElementById('call-title')?.getBoundingClientRect();
      const panel = document.getElementById('call-panel');
      if (!heading || !panel) return Number.POSITIVE_INFINITY;
      // The top of the first line of text below the heading, wherever it is in the panel.
      const walker = document.createTreeWalker(panel, NodeFilter.SHOW_TEXT);
      let top = Number.POSITIVE_INFINITY;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects())
          if (rect.top >= heading.bottom && rect.height > 0) top = Math.min(top, rect.top);
      }
      return top - heading.bottom;
    });
    expect(band).toBeLessThanOrEqual(16);
    expect(await page.getByTestId('call-subtitle').textContent()).toMatch(/appear here/);
    await expectAccessible('console, idle');
    await expectOneTypeScale('console, idle');
  }, 30_000);

  it('1366×768: the live call, hold, hang up, the disposition and Dispose on one screen, no scroll', async () => {
    await page.getByRole('button', { name: 'Log in to campaign' }).click();
    await waitForText(page, 'agent-state', /^paused$/);
    // The campaign is named once ("Click-2-Dial", not "Click-2-Dial (Click-2-Dial)").
    expect(await page.getByText(/^Logged in to /).textContent()).toBe('Logged in to Click-2-Dial');
    await page.getByRole('button', { name: 'Ready' }).click();
    await waitForText(page, 'agent-state', /^ready$/);
    await page.getByLabel('Phone number').fill('0800555008');
    await page.getByRole('button', { name: 'Dial', exact: true }).click();
    await stack.advance(2_000);
    await waitForText(page, 'call-state', /^connected$/);

    expect(
      await outsideViewport({
        'live call': page.getByRole('heading', { name: 'To 0800555008' }),
        hold: page.getByRole('button', { name: 'Hold', exact: true }),
        'hang up': page.getByRole('button', { name: 'Hang up' }),
        disposition: page.getByRole('combobox', { name: 'Disposition' }),
        dispose: page.getByRole('button', { name: 'Dispose' }),
      }),
    ).toEqual([]);
    expect(await page.evaluate(() => [window.scrollX, window.scrollY])).toEqual([0, 0]);
    // The empty recording player and 3rd-party leg are not laid out until used.
    expect(await page.getByTestId('recording-playback').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Drop 3rd party' }).count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}desktop-1366.png` });
    await expectAccessible('console, live call');
    await expectOneTypeScale('console, live call');
  }, 60_000);

  it('no disposition is chosen for the agent', async () => {
    const select = page.getByRole('combobox', { name: 'Disposition' });
    expect(await select.inputValue()).toBe('');
    expect(await select.locator('option:checked').textContent()).toBe('Choose…');
    expect(await page.getByRole('button', { name: 'Dispose' }).isDisabled()).toBe(true);
  });

  it('Dial and Shotgun are held back while the call is live, with the reason on hover and for screen readers', async () => {
    const before = await agent();
    expect(before.agent_state).toBe('on_call');
    const reason = /^You are on a call: hang up and dispose it before you place another\.$/;
    for (const name of ['Dial', 'Start shotgun']) {
      const button = page.getByRole('button', { name, exact: true });
      expect(await button.getAttribute('aria-disabled')).toBe('true');
      const described = await button.evaluate((el) =>
        (el.getAttribute('aria-describedby') ?? '')
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' ')
          .trim(),
      );
      expect(described).toMatch(reason);
      await button.hover();
      await page.getByRole('tooltip').filter({ hasText: reason }).waitFor();
      await button.click({ force: true });
      // The reason shows on focus as well as on hover: leave the button both ways, and let its tooltip close
      // before the next button's opens (two open at once would be two tooltips with this text).
      await page.mouse.move(0, 0);
      await button.evaluate((el) => (el as HTMLElement).blur());
      await page.waitForFunction(() => document.querySelectorAll('[role="tooltip"]').length === 0);
    }
    await page.getByLabel('Number 1').fill('0800555003');
    await page.getByLabel('Number 1').press('Enter');
    await page.getByLabel('Phone number').press('Enter');
    await new Promise((r) => setTimeout(r, 500));
    expect(await agent()).toEqual(before);
    expect(await page.getByTestId('shotgun-state').textContent()).toBe('no race');
    await page.getByLabel('Number 1').fill('');
  }, 30_000);

  it('390×844 on a live call: nothing wider than the phone, Sign out on screen, accessible', async () => {
    await page.setViewportSize(PHONE);
    expect(await overflowing()).toEqual([]);
    const signOut = await page.getByRole('button', { name: 'Sign out' }).boundingBox();
    expect(signOut && signOut.x >= 0 && signOut.x + signOut.width <= PHONE.width).toBe(true);
    await expectAccessible('console 390×844, live call');
    await page.screenshot({ path: `${SCREENSHOTS}phone-390.png`, fullPage: true });
    await page.setViewportSize(DESKTOP);
  }, 30_000);

  it('shortcuts: ? lists them; H holds and retrieves, E hangs up, D disposes — never while typing in a field', async () => {
    await page.locator('#call-panel').focus();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    const rows = await dialog.getByTestId('shortcuts-table').locator('tr').allTextContents();
    expect(rows).toEqual([
      'HHold the call, or retrieve it',
      'EEnd the call (hang up)',
      'DDispose the call with the chosen disposition',
      '?Show these shortcuts',
    ]);
    await expectAccessible('shortcuts dialog');
    await expectOneTypeScale('shortcuts dialog');
    await page.screenshot({ path: `${SCREENSHOTS}shortcuts.png` });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // Typing in a field types: an "h" and an "e" in the 3rd-party number hold nothing and end nothing.
    await page.getByLabel('3rd-party number').fill('');
    await page.getByLabel('3rd-party number').press('h');
    await page.getByLabel('3rd-party number').press('e');
    expect(await page.getByLabel('3rd-party number').inputValue()).toBe('he');
    await new Promise((r) => setTimeout(r, 500));
    expect(await page.getByTestId('call-state').textContent()).toBe('connected');
    await page.getByLabel('3rd-party number').fill('');

    await page.locator('#call-panel').focus();
    await page.keyboard.press('h');
    await waitForText(page, 'call-state', /^on hold$/);
    await page.keyboard.press('h');
    await waitForText(page, 'call-state', /^connected$/);
    await page.locator('#call-panel').focus();
    await page.keyboard.press('e');
    await waitForText(page, 'agent-state', /^wrap-up$/);
    await expectAccessible('console, wrap-up');

    // D without a disposition says so and goes to the choice; nothing is recorded.
    await page.locator('#call-panel').focus();
    await page.keyboard.press('d');
    await page.getByRole('alert').filter({ hasText: 'Choose a disposition first.' }).waitFor();
    expect((await focused(page))?.name).toBe('Disposition');
    expect((await agent()).agent_state).toBe('wrap_up');
    await page.getByRole('combobox', { name: 'Disposition' }).selectOption('SALE');
    await page.getByLabel('Notes').fill('');
    await page.getByLabel('Notes').press('d');
    expect(await page.getByLabel('Notes').inputValue()).toBe('d');
    expect((await agent()).agent_state).toBe('wrap_up');
    await page.getByLabel('Notes').fill('');

    const callId = (await agent()).call_id;
    await page.locator('#call-panel').focus();
    await page.keyboard.press('d');
    await waitForText(page, 'call-state', /^idle$/);
    // Dispose confirms what was recorded, not only as a line in the feed.
    const confirmation = page.getByTestId('confirmation');
    await confirmation.filter({ hasText: `Call ${callId} was disposed as SALE.` }).waitFor();
    await until(
      'the agent out of wrap-up',
      () => agent(),
      (a) => a.agent_state === 'ready',
    );
    await page.screenshot({ path: `${SCREENSHOTS}dispose-confirmed.png` });
    await expectAccessible('console, disposition confirmed');
    // The supervisor view (mock only) is a screen of the console too.
    await page.getByRole('radiogroup', { name: 'View' }).getByText('Supervisor (mock only)', { exact: true }).click();
    await page.getByRole('heading', { name: 'Supervisor (mock only)' }).waitFor();
    await page.getByRole('table', { name: 'Agents' }).locator('tbody tr').first().waitFor();
    await expectAccessible('supervisor view');
    await expectOneTypeScale('supervisor view');
    await page.getByRole('radiogroup', { name: 'View' }).getByText('Agent', { exact: true }).click();
    // Dial is usable again once the call is disposed.
    expect(await page.getByRole('button', { name: 'Dial', exact: true }).getAttribute('aria-disabled')).toBeNull();
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
