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
 * error is parseArgs' own message on one line (`Unknown option '--x'…`, `Option '--port <value>' argument
 * missing`). A value that looks like a negative number (`--workers -1`) is the option's value, as the
 * person typing it meant, rather than parseArgs' "ambiguous": the command's own check of the value then
 * says what it accepts, as it does for any other bad value.
 */
export function parseSubcommandArgs<const O extends OptionsConfig>(
  argv: readonly string[],
  options: O,
  { allowPositionals = false }: { allowPositionals?: boolean } = {},
): SubcommandArgs<O> {
  try {
    const args = negativeValuesJoined(argv, options);
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals });
    return { ok: true, values, positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: message.split('\n').join(' ') };
  }
}

const NEGATIVE_NUMBER = /^-(\d|\.\d)/;

/** `--name -1` as `--name=-1`, for each option that takes a value (up to `--`, after which nothing is an option). */
function negativeValuesJoined(argv: readonly string[], options: OptionsConfig): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') return [...args, ...argv.slice(i)];
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      args.push(`${arg}=${next}`);
      i++;
    } else {
      args.push(arg);
    }
  }
  return args;
}
