/**
 * The variation axes as a section of the mock's docs page (`/docs`), written from `VARIATION_AXES` like the OpenAPI
 * document's and `docs/variants.md`: each axis, each value with what it does on the wire and why a real Omni could
 * answer so.
 *
 * @module
 */

import { VARIATION_AXES } from '@omnikit/contracts/variants';

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** Escaped text with its `code spans` as `<code>`. */
function inline(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** The docs page's section listing every axis and value. */
export function variationAxesHtml(): string {
  const axes = VARIATION_AXES.map((axis) => {
    const rows = axis.values
      .map(
        (v, i) =>
          `        <tr><td><code>${escapeHtml(v.name)}</code>${i === 0 ? ' (default)' : ''}</td><td>${inline(v.effect)}</td><td>${inline(v.plausible)}</td></tr>`,
      )
      .join('\n');
    return [
      `    <h3 id="axis-${axis.name}"><code>${axis.name}</code></h3>`,
      `    <p>${inline(axis.summary)} Touches ${inline(axis.touches)}.</p>`,
      '    <table>',
      '      <thead><tr><th>value</th><th>on the wire</th><th>why a real Omni could answer so</th></tr></thead>',
      '      <tbody>',
      rows,
      '      </tbody>',
      '    </table>',
    ].join('\n');
  }).join('\n');
  return [
    '<details class="omni-axes" id="variation-axes">',
    '  <summary>Every plausible Omni: the variation axes (<code>omni-mock --vary</code>)</summary>',
    '  <div>',
    '    <p>Where TForge’s wiki is silent, a real Omni could answer in more than one plausible way. <code>omni-mock --vary axis=value,…</code> (or <code>--vary random --seed N</code>), and per system <code>PUT /__mock/system/variation</code>, make this mock answer in any of them. Answers before the system is known (no or an unknown system key, an unknown route), <code>/vicidial/*</code> and <code>/__mock/*</code> are never varied. <code>x-omni-axes</code> in the document below marks what each axis rewrites.</p>',
    axes,
    '  </div>',
    '</details>',
  ].join('\n');
}
