/**
 * The audit looks at a screen at rest: a dialog fading in is audited once its fade has finished,
 * when its text has the contrast the user reads, not the half-transparent contrast of mid-fade.
 *
 * @module
 */

import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeAuditNow, seriousViolations, settled } from './axe-audit.js';

import { CHROMIUM } from './console-browser-fixture.js';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM });
  page = await browser.newPage();
}, 30_000);

afterAll(async () => {
  await browser?.close();
});

/** A page whose only text fades in from nearly transparent over `ms` milliseconds. */
async function fadingPage(ms: number, iterations = 1): Promise<void> {
  await page.setContent(
    '<!doctype html><html lang="en"><head><title>fade</title></head><body><main><h1 id="title">Keyboard shortcuts</h1></main></body></html>',
  );
  await page.evaluate(
    ({ ms, iterations }) => {
      document
        .getElementById('title')
        ?.animate([{ opacity: 0.05 }, { opacity: 1 }], { duration: ms, iterations, fill: 'forwards' });
    },
    { ms, iterations },
  );
}

const opacity = () => page.evaluate(() => getComputedStyle(document.getElementById('title') as Element).opacity);

describe('the accessibility audit', () => {
  it('audits a fading dialog once the fade is over: mid-fade, axe reports poor contrast', async () => {
    await fadingPage(3_000);
    const midFade = await axeAuditNow(page);
    expect(midFade.map((f) => f.id)).toContain('color-contrast');
    expect(await seriousViolations(page)).toEqual([]);
    expect(Number(await opacity())).toBe(1);
  }, 30_000);

  it('settled waits for a finite animation to finish and leaves an endless one running', async () => {
    await fadingPage(800);
    const before = Number(await opacity());
    await settled(page);
    expect(before).toBeLessThan(1);
    expect(Number(await opacity())).toBe(1);

    await fadingPage(800, Number.POSITIVE_INFINITY);
    const started = Date.now();
    await settled(page);
    expect(Date.now() - started).toBeLessThan(800);
  }, 30_000);
});
