/**
 * `--port` as every omni-mock command reads it: decimal digits only, 0–65535 (0 asks the system for a free
 * port). `Number()` alone would take `1e3`, `0x10`, ` 80` or an empty value (as 0) — a typo that silently
 * listens somewhere else.
 *
 * @module
 */

/** The port, or the one-line error the CLI prints. `text` undefined (the flag absent) gives `fallback`. */
export function parsePortOption(text: string | undefined, fallback: number): { port: number } | { error: string } {
  if (text === undefined) return { port: fallback };
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port > 65535)
    return { error: `--port must be an integer from 0 to 65535, not "${text}"` };
  return { port };
}
