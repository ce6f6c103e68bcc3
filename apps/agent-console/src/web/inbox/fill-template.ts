/**
 * A WhatsApp template's text with the agent's values put in its `{{1}}`…`{{n}}` placeholders, for
 * the preview the agent reads before sending. A placeholder without a value yet stays as written.
 *
 * @module
 */

/** The template's body with `values[i]` in place of `{{i+1}}`. */
export function fillTemplate(body: string, values: readonly string[]): string {
  return body.replace(/\{\{\s*(\d+)\s*\}\}/g, (whole, n: string) => {
    const value = values[Number(n) - 1]?.trim();
    return value ? value : whole;
  });
}
