/**
 * `omni-mock replay <file.jsonl>` on injected I/O: parses the arguments, reads and checks the
 * recording, and serves it until told to stop. main.ts gives it the process (argv, output,
 * signals) and exits with the status it returns: 0 after a clean stop or `--help`, 2 on bad usage
 * or a bad recording, 1 when the address cannot be listened on.
 *
 * @module
 */

import { RecordingError, readRecordingFile } from './load-recording.js';
import { parseReplayArgs, REPLAY_HELP_TEXT } from './parse-replay-args.js';
import { startReplayServer } from './replay-server.js';

export interface ReplayIo {
  out(line: string): void;
  err(line: string): void;
  /** Resolves when the command should stop (SIGINT, SIGTERM). */
  readonly stopped: Promise<string>;
}

/** Runs the command; resolves with its exit status. */
export async function runReplayCommand(argv: readonly string[], io: ReplayIo): Promise<number> {
  const parsed = parseReplayArgs(argv);
  if (!parsed.ok) {
    io.err(`omni-mock replay: ${parsed.error}\nRun omni-mock replay --help for the options.`);
    return 2;
  }
  const { file, port, host, help } = parsed.options;
  if (help) {
    io.out(REPLAY_HELP_TEXT);
    return 0;
  }
  let lines: Awaited<ReturnType<typeof readRecordingFile>>;
  try {
    lines = await readRecordingFile(file);
  } catch (error) {
    if (error instanceof RecordingError) {
      io.err(`omni-mock replay: ${error.message}`);
      return 2;
    }
    const code = (error as { code?: unknown }).code;
    io.err(`omni-mock replay: cannot read ${file} (${typeof code === 'string' ? code : (error as Error).message})`);
    return 2;
  }
  let server: Awaited<ReturnType<typeof startReplayServer>>;
  try {
    server = await startReplayServer({ lines, port, host, onMiss: (line) => io.err(line) });
  } catch (error) {
    io.err(`omni-mock replay: cannot listen on ${host}:${port}: ${(error as Error).message}`);
    return 1;
  }
  const rest = lines.filter((l) => l.kind === 'rest').length;
  io.out(`omni-mock replay: ${rest} exchanges of ${file} listening on ${server.url}`);
  const signal = await io.stopped;
  io.out(`omni-mock replay: ${signal}: stopping`);
  await server.close();
  return 0;
}
