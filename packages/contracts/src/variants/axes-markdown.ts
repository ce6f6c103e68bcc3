/**
 * The variation axes in words, written from `VARIATION_AXES` so that no page lists them by hand: the OpenAPI
 * document's description, the mock's docs page and `apps/mock-omni/docs/variants.md` all print this.
 *
 * @module
 */

import { VARIATION_AXES } from './variation-axes.js';

/** Markdown table cells: a `|` would end the cell. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

/**
 * Each axis as a heading of `level` (`###` by default) with its summary and what it touches, then a table of its
 * values: the value (the default marked), what it does on the wire, and why a real Omni could answer so.
 */
export function variationAxesMarkdown(level = 3): string {
  const hashes = '#'.repeat(level);
  return VARIATION_AXES.map((axis) =>
    [
      `${hashes} \`${axis.name}\``,
      '',
      `${axis.summary} Touches ${axis.touches}.`,
      '',
      '| value | on the wire | why a real Omni could answer so |',
      '|---|---|---|',
      ...axis.values.map(
        (v, i) => `| \`${v.name}\`${i === 0 ? ' (default)' : ''} | ${cell(v.effect)} | ${cell(v.plausible)} |`,
      ),
    ].join('\n'),
  ).join('\n\n');
}

/** The axes as an OpenAPI extension (`x-omni-variation-axes`): each value with its effect and plausibility. */
export function variationAxesExtension(): {
  name: string;
  summary: string;
  touches: string;
  values: { name: string; default: boolean; effect: string; plausible: string }[];
}[] {
  return VARIATION_AXES.map((axis) => ({
    name: axis.name,
    summary: axis.summary,
    touches: axis.touches,
    values: axis.values.map((v, i) => ({ name: v.name, default: i === 0, effect: v.effect, plausible: v.plausible })),
  }));
}
