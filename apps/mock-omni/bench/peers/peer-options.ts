/**
 * The peers bench's command line: how many rounds, how long each load, how many connections.
 *
 * @module
 */

/** What one run of the peers bench does. */
export interface PeerOptions {
  rounds: number;
  seconds: number;
  warmup: number;
  connections: number;
  help: boolean;
}

/** `npm run bench:peers -- --help`. */
export const PEERS_HELP = `npm run bench:peers [-- options]

The mock against Prism, Mockoon and WireMock on the same Omni routes (authorize, GET /omni/users,
GET /omni/campaign/{id}, add lead). Installs the three peers (pinned versions) into a folder under the
system's temp directory, kept for the next run; WireMock needs Java 17 (apt-get install
openjdk-17-jre-headless). Every server runs in a process of its own; autocannon loads one at a time
from another process; each load gets a warm-up once, then the rounds interleave the servers.

Options:
  --rounds <n>        rounds of every server and route; the medians are printed (default 3)
  --seconds <s>       measured seconds of each load (default 2)
  --warmup <s>        warm-up seconds of each server and route, before the first round (default 1)
  --connections <n>   concurrent connections of each load (default 50)
  --help              this text
`;

const DEFAULTS: Omit<PeerOptions, 'help'> = { rounds: 3, seconds: 2, warmup: 1, connections: 50 };

/** Parses the bench's arguments; throws with a message naming the bad one. */
export function parsePeerOptions(argv: readonly string[]): PeerOptions {
  const options: PeerOptions = { ...DEFAULTS, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      options.help = true;
      continue;
    }
    const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
    const name = flag.slice(2);
    if (!flag.startsWith('--') || !(name in DEFAULTS)) throw new Error(`unknown option ${arg} (see --help)`);
    const raw = inline ?? argv[++i];
    if (raw === undefined) throw new Error(`${flag} needs a value`);
    const value = Number(raw);
    const whole = name === 'rounds' || name === 'connections';
    const least = name === 'warmup' ? 0 : 1;
    if (!Number.isFinite(value) || value < least || (whole && !Number.isInteger(value))) {
      throw new Error(`${flag} must be ${whole ? 'a whole number' : 'a number'} of at least ${least}, not ${raw}`);
    }
    options[name as keyof typeof DEFAULTS] = value;
  }
  return options;
}
