/**
 * The simulated-day report the supervisor view opens (mock only): the HTML file `omni-mock simulate`
 * wrote, named by `--simulation-report`, served as it is now (read at each request, so a new run shows
 * at the next opening). Without one — or against a real Omni — the path answers 404 saying how to make one.
 *
 * @module
 */

import { readFile } from 'node:fs/promises';
import type { Hono } from 'hono';
import { SIMULATION_REPORT_PATH } from '../../shared/console-routes.js';
import type { ConsoleDeps } from '../console-deps.js';
import type { ConsoleEnv } from '../console-env.js';

export const NO_REPORT_TEXT =
  'No simulated-day report: run `omni-mock simulate --report day.html`, then start the console against the mock with `--simulation-report day.html`.';

export function mountSimulationReport(app: Hono<ConsoleEnv>, deps: Pick<ConsoleDeps, 'simulationReport' | 'log'>) {
  app.get(SIMULATION_REPORT_PATH, async (c) => {
    if (deps.simulationReport === undefined) return c.text(NO_REPORT_TEXT, 404);
    let html: string;
    try {
      html = await readFile(deps.simulationReport, 'utf8');
    } catch (error) {
      deps.log(`simulation report ${deps.simulationReport}: ${(error as Error).message}`);
      return c.text(`The simulated-day report ${deps.simulationReport} cannot be read. ${NO_REPORT_TEXT}`, 404);
    }
    c.header('cache-control', 'no-store');
    return c.html(html);
  });
}
