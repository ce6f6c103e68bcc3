/**
 * The shared parser of every command line: parseArgs' errors come back as one line, and every command
 * prints a bad option the same way (its name, that line, where its help is) and exits 2.
 *
 * @module
 */

import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/cli/parse-cli-args.js';
import { parseSubcommandArgs } from '../../src/cli/parse-subcommand-args.js';
import { runSystemCommand } from '../../src/cli/system-command.js';
import { runClusterCommand } from '../../src/cluster/cluster-command.js';
import { runReplayCommand } from '../../src/replay/replay-command.js';
import { runSimulateCli } from '../../src/simulate/simulate-cli.js';

const unknown = "Unknown option '--bogus'";
const options = { port: { type: 'string' }, help: { type: 'boolean' } } as const;

describe('parseSubcommandArgs', () => {
  it('gives the values and, when allowed, the positionals', () => {
    expect(parseSubcommandArgs(['--port', '1', 'a.jsonl', '--help'], options, { allowPositionals: true })).toEqual({
      ok: true,
      values: { port: '1', help: true },
      positionals: ['a.jsonl'],
    });
    expect(parseSubcommandArgs([], options)).toEqual({ ok: true, values: {}, positionals: [] });
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['--port'], "Option '--port <value>' argument missing"],
    [['--help=yes'], "Option '--help' does not take an argument"],
    [['extra'], "Unexpected argument 'extra'. This command does not take positional arguments"],
  ])('turns the throw for %j into one line', (argv, error) => {
    expect(parseSubcommandArgs(argv, options)).toEqual({ ok: false, error });
  });
});

describe('a value that starts with a dash', () => {
  it('a negative number is the option’s value (the command’s own check words it), as --name=-1 is', () => {
    expect(parseSubcommandArgs(['--port', '-1', '--help'], options)).toEqual({
      ok: true,
      values: { port: '-1', help: true },
      positionals: [],
    });
    expect(parseSubcommandArgs(['--port', '-.5'], options)).toMatchObject({ ok: true, values: { port: '-.5' } });
    expect(parseCommand(['--port', '-1'])).toEqual({
      ok: false,
      command: 'serve',
      error: '--port must be an integer from 0 to 65535, not "-1"',
    });
  });

  it('after --, nothing is joined: the arguments are positionals as given', () => {
    expect(parseSubcommandArgs(['--', '--port', '-1'], options, { allowPositionals: true })).toEqual({
      ok: true,
      values: {},
      positionals: ['--port', '-1'],
    });
  });

  it('an option where a value should be: parseArgs’ message, on one line', () => {
    expect(parseSubcommandArgs(['--port', '--help'], options)).toEqual({
      ok: false,
      error:
        "Option '--port' argument is ambiguous. Did you forget to specify the option argument for '--port'? To specify an option argument starting with a dash use '--port=-XYZ'.",
    });
  });
});

describe('a bad option, in every command', () => {
  // Where positionals are allowed, parseArgs says how to pass one that starts with a dash.
  const orPositional = `${unknown}. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- "--bogus"`;
  const printed = (command: string, error: string) =>
    `omni-mock ${command}: ${error}\nRun omni-mock ${command} --help for the options.`;
  const never = new Promise<string>(() => {});

  it('system, replay, cluster and simulate print the same two lines and exit 2', async () => {
    const err: string[] = [];
    const out = () => {};
    const push = (line: string) => {
      err.push(line);
    };
    expect(runSystemCommand(['export', '--bogus'], { out, err: push })).toBe(2);
    expect(await runReplayCommand(['a.jsonl', '--bogus'], { out, err: push, stopped: never })).toBe(2);
    expect(
      await runClusterCommand(['--dir', 'd', '--bogus'], {
        out,
        err: push,
        stopped: never,
        workerCommand: { command: process.execPath, args: [] },
      }),
    ).toBe(2);
    expect(
      await runSimulateCli(['--bogus'], {
        stdout: out,
        stderr: push,
        readFile: () => '',
        writeFile: () => {},
        prepareReport: () => undefined,
        uplot: () => ({ js: '', css: '' }),
      }),
    ).toBe(2);
    expect(err).toEqual([
      printed('system', orPositional),
      printed('replay', orPositional),
      printed('cluster', unknown),
      printed('simulate', unknown),
    ]);
  });

  it('the mock itself and proxy give main.ts the same line', () => {
    expect(parseCommand(['--bogus'])).toEqual({ ok: false, command: 'serve', error: unknown });
    expect(parseCommand(['proxy', '--target', 'http://omni', '--bogus'])).toEqual({
      ok: false,
      command: 'proxy',
      error: unknown,
    });
  });
});
