/**
 * An accessibility audit of what the page shows now: axe-core (the npm package, injected into the
 * page; nothing is downloaded) run on the whole document. The suite holds every screen to zero
 * serious or critical violations; each one found is named with its rule, its help text and the
 * elements at fault, so a failure says what to fix.
 *
 * @module
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Resolves once every finite animation and transition on the page has finished (a modal fading in,
 * a panel sliding open), so the audit sees the screen at rest, as the user reads it: colour contrast
 * measured half-way through a fade is a property of the fade, not of the screen. Endless animations
 * (a spinner) are left running.
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (let round = 0; round < 5; round++) {
      const running = document
        .getAnimations()
        .filter(
          (a) => a.playState !== 'finished' && Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity),
        );
      if (running.length === 0) return;
      await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
      await new Promise((next) => requestAnimationFrame(() => requestAnimationFrame(next)));
    }
  });
}

/** Every violation axe finds on the page once it is at rest (see {@link settled}), with its impact. */
export async function axeAudit(page: Page): Promise<AxeFinding[]> {
  await settled(page);
  return axeAuditNow(page);
}

/** Every violation axe finds on the page this instant, animations and all. */
export async function axeAuditNow(page: Page): Promise<AxeFinding[]> {
  // Evaluated through the debugging protocol, so the page's own script policy does not apply.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: { resultTypes: string[] },
          ): Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.map((n) => n.target.map(String).join(' ')),
    }));
  });
}

/** The serious and critical violations only: the ones the suite allows none of. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const found = await axeAudit(page);
  return found
    .filter((f) => f.impact === 'serious' || f.impact === 'critical')
    .map((f) => `${f.impact} ${f.id}: ${f.help} — ${f.targets.slice(0, 5).join(' | ')}`);
}
