/**
 * The README's example report is what its one command makes: the README links `docs/simulated-day.html` right after
 * the command that wrote it, the report's foot names that same command, and the day it shows is the day that
 * command simulates now (its settings run again give the same day's table, figure for figure).
 *
 * @module
 */

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSimulateArgs } from '../src/simulate/parse-simulate-args.js';
import { runSimulation } from '../src/simulate/run-simulation.js';
import { dayFigures } from '../src/simulate/simulation-report.js';
import { simulationSettings } from '../src/simulate/simulation-settings.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const EXAMPLE = 'docs/simulated-day.html';

describe('the README’s example simulated-day report', () => {
  it('is linked, and made by the README’s command as the simulator runs it now', async () => {
    expect(readme).toContain(`[\`${EXAMPLE}\`](${EXAMPLE})`);
    const command = readme
      .split('\n')
      .map((line) => line.replace(/^npx /, ''))
      .find((line) => line.startsWith('omni-mock simulate ') && line.endsWith(`--report ${EXAMPLE}`));
    expect(command, 'the README’s command that writes the example').toBeDefined();
    const html = readFileSync(join(root, EXAMPLE), 'utf8');
    expect(html).toContain(`Made by <code>${command}</code>`);

    const parsed = parseSimulateArgs((command ?? '').split(' ').slice(2));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.options.comparison?.values.length).toBeGreaterThanOrEqual(2);
    const day = await runSimulation(simulationSettings.parse(parsed.options.settings));
    const shown = /<table class="day-table">(.*?)<\/table>/s.exec(html)?.[1] ?? '';
    const rows = [...shown.matchAll(/<tr><th scope="row">(.*?)<\/th><td>(.*?)<\/td><\/tr>/g)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(dayFigures(day.stats));
  }, 120_000);
});
