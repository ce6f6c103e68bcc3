// The docs say only what exists: every `--flag` a Markdown page gives one of OmniKit's commands is in
// that command's real `--help` (the built bins, and `npm start`'s script), and every Omni, archive or
// control route path it names is one the contracts define (`routes`, `controlRoutes`; a path
// parameter matches any segment). Run: node scripts/check-docs.mjs (exit 1, one line per problem).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** OmniKit's commands: how a page invokes each, and where its --help comes from. */
export const COMMANDS = [
  {
    name: 'omni-mock',
    invoked:
      /(?<![\w-])omni-mock(?:\.js)?(?![\w-])(?!\s+(?:replay|cluster|system|simulate)(?![\w-]))|(?:npx|npm exec)\s+(?:-y\s+|--yes\s+)?@omnikit\/mock-omni(?![\w/-])(?!\s+(?:replay|cluster|system|simulate)(?![\w-]))/g,
    bin: 'apps/mock-omni/bin/omni-mock.js',
  },
  // A subcommand has its own --help (`helpArgs`), so its flags are checked against that.
  {
    name: 'omni-mock replay',
    invoked:
      /(?<![\w-])omni-mock(?:\.js)?\s+replay(?![\w-])|(?:npx|npm exec)\s+(?:-y\s+|--yes\s+)?@omnikit\/mock-omni\s+replay(?![\w-])/g,
    bin: 'apps/mock-omni/bin/omni-mock.js',
    helpArgs: ['replay', '--help'],
  },
  {
    name: 'omni-mock cluster',
    invoked:
      /(?<![\w-])omni-mock(?:\.js)?\s+cluster(?![\w-])|(?:npx|npm exec)\s+(?:-y\s+|--yes\s+)?@omnikit\/mock-omni\s+cluster(?![\w-])/g,
    bin: 'apps/mock-omni/bin/omni-mock.js',
    helpArgs: ['cluster', '--help'],
  },
  {
    name: 'omni-mock system',
    invoked:
      /(?<![\w-])omni-mock(?:\.js)?\s+system(?![\w-])|(?:npx|npm exec)\s+(?:-y\s+|--yes\s+)?@omnikit\/mock-omni\s+system(?![\w-])/g,
    bin: 'apps/mock-omni/bin/omni-mock.js',
    helpArgs: ['system', '--help'],
  },
  {
    name: 'omni-mock simulate',
    invoked:
      /(?<![\w-])omni-mock(?:\.js)?\s+simulate(?![\w-])|(?:npx|npm exec)\s+(?:-y\s+|--yes\s+)?@omnikit\/mock-omni\s+simulate(?![\w-])/g,
    bin: 'apps/mock-omni/bin/omni-mock.js',
    helpArgs: ['simulate', '--help'],
  },
  {
    name: 'omnikit-contracts drift-apply',
    invoked: /(?<![\w-])omnikit-contracts(?:\.js)?\s+drift-apply(?![\w-])/g,
    bin: 'packages/contracts/bin/omnikit-contracts.js',
    helpArgs: ['drift-apply', '--help'],
  },
  {
    name: 'omnikit-scenarios',
    invoked: /(?<![\w-])omnikit-scenarios(?:\.js)?(?![\w-])/g,
    bin: 'packages/scenarios/bin/omnikit-scenarios.js',
  },
  {
    name: 'omnikit-console',
    invoked: /(?<![\w-])omnikit-console(?:\.js)?(?![\w-])/g,
    bin: 'apps/agent-console/bin/omnikit-console.js',
  },
  // npm's own flags come before `--`; the script's after it.
  { name: 'npm start', invoked: /(?<![\w-])npm start(?![\w-])/g, bin: 'scripts/start.mjs', afterDoubleDash: true },
];

const FLAG = /(?<![\w-])--[a-z][a-z0-9-]*/g;
/** Where a shell command's arguments end: a pipe, a list or background operator, a comment. */
const END_OF_COMMAND = /\s(?:\||&&?|;|#)|\)|$/;

/** The options a `--help` text defines: the `--flag`s that begin its lines (`--help, --version` too). */
export function helpFlags(help) {
  const flags = new Set();
  for (const line of help.split('\n')) {
    const lead = /^\s+((?:--[a-z][a-z0-9-]*(?:[ =]<[^>]+>)?(?:,\s*)?)+)/.exec(line);
    if (lead) for (const [flag] of lead[1].matchAll(FLAG)) flags.add(flag);
  }
  return flags;
}

/** The pieces of a page that read as shell: code-block lines (continuations joined) and inline code. */
export function shellSnippets(markdown) {
  const snippets = [];
  const lines = markdown.split('\n');
  let fence;
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const marker = /^\s*(```+|~~~+)/.exec(line);
    if (marker) {
      fence = fence === undefined ? marker[1] : line.trim().startsWith(fence) ? undefined : fence;
      continue;
    }
    if (fence !== undefined) {
      let text = line;
      const at = i + 1;
      while (/\\\s*$/.test(text) && i + 1 < lines.length) text = `${text.replace(/\\\s*$/, ' ')}${lines[++i]}`;
      snippets.push({ text, line: at, heading, code: true });
      continue;
    }
    if (/^#{1,6}\s/.test(line)) heading = line;
    for (const [, span] of line.matchAll(/`([^`]+)`/g))
      snippets.push({ text: span, line: i + 1, heading, code: false });
  }
  return snippets;
}

/** Every `--flag` a page passes to one of `commands`: `{ command, flag, line }`. */
export function flagMentions(markdown, commands = COMMANDS) {
  const mentions = [];
  for (const snippet of shellSnippets(markdown)) {
    for (const command of commands) {
      for (const match of snippet.text.matchAll(command.invoked)) {
        let args = snippet.text.slice(match.index + match[0].length);
        args = args.slice(0, END_OF_COMMAND.exec(args).index);
        if (command.afterDoubleDash) {
          const dashes = /(?:^|\s)--(?=\s|$)/.exec(args);
          if (!dashes) continue;
          args = args.slice(dashes.index + dashes[0].length);
        }
        for (const [flag] of args.matchAll(FLAG)) mentions.push({ command: command.name, flag, line: snippet.line });
      }
    }
  }
  // A table of options under a heading that names the command (`### CLI (\`omni-mock\`)`).
  let heading = '';
  for (const [i, line] of markdown.split('\n').entries()) {
    if (/^#{1,6}\s/.test(line)) heading = line;
    const command = commands.find((c) => heading.includes(`\`${c.name}\``));
    const cell = /^\|\s*([^|]+)\|/.exec(line);
    if (!command || !cell) continue;
    for (const [flag] of cell[1].matchAll(FLAG)) mentions.push({ command: command.name, flag, line: i + 1 });
  }
  return mentions;
}

const LOCAL_HOST = /^(?:127\.\d+\.\d+\.\d+|localhost|\[::1\]|0\.0\.0\.0|mock\.local)(?::\d+)?$/;

/**
 * Every route path a page names: `/omni/…`, `/vicidial/…`, `/__mock/…`, bare or after a local base
 * URL or a shell variable (`$BASE/__mock/clock`). A path on another host (a CRM's own URL) is not
 * Omni's. A trailing `…` or `*` marks a prefix.
 */
export function routeMentions(markdown) {
  const mentions = [];
  const path = /(\S*?)(\/(?:omni|vicidial|__mock)(?:\/[^\s`'"(),;|\]]*)?)/g;
  for (const [i, line] of markdown.split('\n').entries()) {
    for (const match of line.matchAll(path)) {
      const before = match[1];
      const host = /:\/\/([^/]+)$/.exec(before);
      if (host && !LOCAL_HOST.test(host[1])) continue;
      if (!host && /[\w.-]$/.test(before) && !/\$\{?\w+\}?$/.test(before)) continue;
      let found = match[2].replace(/[?#].*$/, '').replace(/[.:]+$/, '');
      const prefix = /(?:…|\*)$/.test(found) || /^\/(?:omni|vicidial|__mock)\/?$/.test(found);
      found = found.replace(/(?:…|\*)$/, '');
      mentions.push({ path: found, prefix, line: i + 1 });
    }
  }
  return mentions;
}

/** Whether a mentioned path is a defined route (or, for a prefix, begins one). */
export function routeExists(mention, definedPaths) {
  const segments = (p) => p.replace(/\/$/, '').split('/');
  const isParam = (s) => /^\{[^}]+\}$/.test(s);
  const want = segments(mention.path);
  return definedPaths.some((defined) => {
    const have = segments(defined);
    if (mention.prefix ? want.length > have.length : want.length !== have.length) return false;
    return want.every((segment, i) => {
      const other = have[i];
      if (mention.prefix && i === want.length - 1 && !isParam(other)) return other.startsWith(segment);
      if (isParam(segment) || /^<[^>]+>$/.test(segment)) return isParam(other);
      return isParam(other) || segment === other;
    });
  });
}

/** The Markdown pages of the repository: READMEs, docs/, CONTRIBUTING, CHANGELOGs, changesets. */
export function markdownFiles(root) {
  const skip = new Set(['node_modules', 'dist', '.git', '.turbo', 'coverage', 'test-results']);
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (skip.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) files.push(path);
    }
  };
  walk(root);
  return files.sort();
}

/** Every problem of the repository's docs, each as `<file>:<line>: <problem>`. */
export async function checkDocs(root) {
  const problems = [];
  const flags = new Map();
  for (const command of COMMANDS) {
    const bin = join(root, command.bin);
    const help = execFileSync(process.execPath, [bin, ...(command.helpArgs ?? ['--help'])], {
      encoding: 'utf8',
      cwd: root,
    });
    flags.set(command.name, helpFlags(help));
  }
  const contracts = join(root, 'packages/contracts/dist');
  if (!existsSync(join(contracts, 'index.js')))
    throw new Error('packages/contracts/dist is missing: npm run build first');
  const { routeList } = await import(pathToFileURL(join(contracts, 'index.js')).href);
  const { controlRouteList } = await import(pathToFileURL(join(contracts, 'control/index.js')).href);
  const { messagingRouteList, messagingControlRoutes } = await import(
    pathToFileURL(join(contracts, 'messaging/index.js')).href
  );
  const paths = [
    ...routeList,
    ...controlRouteList,
    ...messagingRouteList,
    ...Object.values(messagingControlRoutes),
  ].map((route) => route.path);
  for (const file of markdownFiles(root)) {
    const text = readFileSync(file, 'utf8');
    const where = (line) => `${relative(root, file)}:${line}`;
    for (const { command, flag, line } of flagMentions(text)) {
      if (!flags.get(command).has(flag)) {
        problems.push(`${where(line)}: ${command} has no ${flag} (not in its --help; a new flag needs a rebuild)`);
      }
    }
    for (const mention of routeMentions(text)) {
      if (!routeExists(mention, paths)) {
        problems.push(
          `${where(mention.line)}: ${mention.path}${mention.prefix ? '…' : ''} is no route of the contracts`,
        );
      }
    }
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = await checkDocs(fileURLToPath(new URL('..', import.meta.url)));
  for (const problem of problems) console.error(problem);
  process.exit(problems.length === 0 ? 0 : 1);
}
