import { VARIATION_AXES } from '@omnikit/contracts/variants';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { variationAxesHtml } from '../../src/http/variation-axes-html.js';
import type { MockOmni } from '../../src/index.js';
import { startMock } from '../support/omni-client.js';

let mock: MockOmni;
beforeAll(async () => {
  ({ mock } = await startMock());
});
afterAll(() => mock.close());

/** The docs page lists the axes, written from VARIATION_AXES (no browser needed: the section is server-side HTML). */
describe('/docs: the variation axes', () => {
  it('the page carries the section, every axis and value with its effect and plausibility', async () => {
    const page = await (await mock.fetch(new Request('http://127.0.0.1/docs'))).text();
    expect(page).toContain(variationAxesHtml());
    for (const axis of VARIATION_AXES) {
      expect(page).toContain(`<h3 id="axis-${axis.name}"><code>${axis.name}</code></h3>`);
      for (const v of axis.values) expect(page).toContain(`<td><code>${v.name}</code>`);
    }
  });

  it('one row, literally: dates=vicidial, its code spans as <code>, its text escaped', () => {
    expect(variationAxesHtml()).toContain(
      '<tr><td><code>vicidial</code></td><td><code>YYYY-MM-DD HH:MM:SS</code> in the system’s time zone: <code>2026-01-05 08:00:00</code></td><td>Omni runs on VICIdial (Part C), whose tables and APIs write DATETIME columns in this local form</td></tr>',
    );
    expect(variationAxesHtml()).toContain(
      '<td><code>coded</code> (default)</td><td>the status of B.2 and <code>{ success: false, detail, error_code }</code> (a 400 adds <code>errors</code>)</td>',
    );
  });
});
