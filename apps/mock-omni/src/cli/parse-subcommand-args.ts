/**
 * The one place a command line meets node:util's `parseArgs`: strict (an unknown option is an error), and
 * its throw turned into the `{ ok: false, error }` every parser of the CLI returns, so every command
 * (the mock, proxy, replay, cluster, simulate, system) words a bad option the same way. The command that
 * prints it adds `Run omni-mock <command> --help for the options.` and exits 2.
 *
 * @module
 */

import { type ParseArgsConfig, parseArgs } from 'node:util';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** What `parseArgs` gives for these options, strict, positionals allowed or not. */
type ParsedFor<O extends OptionsConfig> = ReturnType<
  typeof parseArgs<{ options: O; strict: true; allowPositionals: true }>
>;

export type SubcommandArgs<O extends OptionsConfig> =
  | { ok: true; values: ParsedFor<O>['values']; positionals: string[] }
  | { ok: false; error: string };

/**
 * Parses `argv` against `options`. Positional arguments are refused unless `allowPositionals`; the
 * error is parseArgs' own one-line message (`Unknown option '--x'…`, `Option '--port <value>' argument
 * missing`).
 */
export function parseSubcommandArgs<const O extends OptionsConfig>(
  argv: readonly string[],
  options: O,
  { allowPositionals = false }: { allowPositionals?: boolean } = {},
): SubcommandArgs<O> {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, strict: true, allowPositionals });
    return { ok: true, values, positionals };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
