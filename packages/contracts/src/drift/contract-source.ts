/**
 * Finds, in the contracts' TypeScript source, the line that declares a field of a schema, so
 * drift-apply can print a change to it as a diff. It reads text, not an AST: a schema is found by
 * the `id: '<name>'` of its `.meta()` (or a route by its `id`), the statement around it is the
 * `const` it belongs to, and a field is a line `  name: expression,`. Anything less plain (the
 * field written twice in the statement, an expression over several lines) is reported as not
 * located, and drift-apply gives an instruction instead of a diff.
 *
 * @module
 */

/** One file of the contracts' source: its path as shown in a diff, and its text. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** A located field: its file, its line (0-based), and the line cut into indent, name and expression. */
export interface FieldLine {
  readonly file: SourceFile;
  readonly line: number;
  readonly indent: string;
  /** The key as written (quoted or not). */
  readonly key: string;
  /** The expression between `key: ` and the trailing comma. */
  readonly expression: string;
}

/** A `const` statement of a file: the lines from `start` to `end` (exclusive). */
export interface Statement {
  readonly file: SourceFile;
  readonly start: number;
  readonly end: number;
}

function linesOf(file: SourceFile): string[] {
  const lines = file.text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
const STATEMENT_START = /^(export )?const \w+/;
const TOP_LEVEL = /^(export |const |function |type |interface |import |\/\*\*|\/\/)/;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function statementAround(file: SourceFile, at: number): Statement | undefined {
  const lines = linesOf(file);
  let start = at;
  while (start >= 0 && !STATEMENT_START.test(lines[start] ?? '')) start--;
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < lines.length && !TOP_LEVEL.test(lines[end] ?? '')) end++;
  return { file, start, end };
}

/** The statement holding `id: '<id>'` (a named schema's meta, or a route), when exactly one file line does. */
export function statementWithId(files: readonly SourceFile[], id: string): Statement | undefined {
  return statementAtOnlyMatch(files, new RegExp(`\\bid: '${escapeRegExp(id)}'`));
}

/** The statement `const <name> = …`, when exactly one file declares it. */
export function statementOfConst(files: readonly SourceFile[], name: string): Statement | undefined {
  return statementAtOnlyMatch(files, new RegExp(`^(export )?const ${escapeRegExp(name)}\\b`));
}

/** The statement around the one line of all the files that matches `pattern`; none when no line or several do. */
function statementAtOnlyMatch(files: readonly SourceFile[], pattern: RegExp): Statement | undefined {
  const hits: { file: SourceFile; line: number }[] = [];
  for (const file of files) {
    for (const [i, line] of linesOf(file).entries()) if (pattern.test(line)) hits.push({ file, line: i });
  }
  const hit = hits.length === 1 ? hits[0] : undefined;
  return hit ? statementAround(hit.file, hit.line) : undefined;
}

/** Whether brackets of every kind balance in a piece of code (strings taken as plain text). */
function balanced(code: string): boolean {
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: string[] = [];
  for (const ch of code) {
    if (ch === '(' || ch === '[' || ch === '{') stack.push(ch);
    else if (ch in pairs) {
      if (stack.pop() !== pairs[ch]) return false;
    }
  }
  return stack.length === 0;
}

export type FieldSearch =
  | { readonly found: true; readonly field: FieldLine }
  | { readonly found: false; readonly why: 'absent' | 'ambiguous' | 'multi-line'; readonly lines: readonly number[] };

/** The line of `name` in a statement: found when exactly one line declares it, on one line. */
export function fieldIn(statement: Statement, name: string): FieldSearch {
  const lines = linesOf(statement.file);
  const pattern = new RegExp(`^(\\s*)((['"]?)${escapeRegExp(name)}\\3): (.*)$`);
  const hits: number[] = [];
  for (let i = statement.start; i < statement.end; i++) if (pattern.test(lines[i] ?? '')) hits.push(i);
  if (hits.length !== 1) return { found: false, why: hits.length === 0 ? 'absent' : 'ambiguous', lines: hits };
  const line = hits[0] as number;
  const [, indent = '', key = '', , rest = ''] = pattern.exec(lines[line] ?? '') ?? [];
  const expression = rest.replace(/,\s*$/, '');
  if (!rest.trimEnd().endsWith(',') || !balanced(expression)) return { found: false, why: 'multi-line', lines: hits };
  return { found: true, field: { file: statement.file, line, indent, key, expression } };
}

/**
 * Where a new field goes in a statement's one multi-line object literal (`z.object({` or
 * `.extend({` ending a line): the line of its closing brace and the indent of its fields.
 */
export function objectEnd(statement: Statement): { line: number; indent: string } | undefined {
  const lines = linesOf(statement.file);
  const openings: number[] = [];
  for (let i = statement.start; i < statement.end; i++) if (/\(\{\s*$/.test(lines[i] ?? '')) openings.push(i);
  if (openings.length !== 1) return undefined;
  const open = openings[0] as number;
  let depth = 0;
  for (let i = open; i < statement.end; i++) {
    for (const ch of lines[i] ?? '') {
      if (ch === '{') depth++;
      else if (ch === '}') depth--;
    }
    if (depth === 0 && i > open) {
      const inner = lines[open + 1] ?? '';
      const indent = /^(\s*)/.exec(inner)?.[1] ?? '  ';
      return { line: i, indent };
    }
  }
  return undefined;
}

/** A one-line replacement (`replace`) or insertion before a line (`insert`), as a unified diff with 3 lines of context. */
export function unifiedDiff(
  file: SourceFile,
  change: { readonly line: number } & ({ readonly replace: string } | { readonly insert: string }),
): string {
  const lines = linesOf(file);
  const context = 3;
  const from = Math.max(0, change.line - context);
  const isReplace = 'replace' in change;
  const after = isReplace ? change.line + 1 : change.line;
  const to = Math.min(lines.length, after + context);
  const before = lines.slice(from, change.line).map((l) => ` ${l}`);
  const tail = lines.slice(after, to).map((l) => ` ${l}`);
  const body = isReplace
    ? [...before, `-${lines[change.line]}`, `+${change.replace}`, ...tail]
    : [...before, `+${change.insert}`, ...tail];
  const oldCount = before.length + tail.length + (isReplace ? 1 : 0);
  const newCount = before.length + tail.length + 1;
  return [
    `--- a/${file.path}`,
    `+++ b/${file.path}`,
    `@@ -${from + 1},${oldCount} +${from + 1},${newCount} @@`,
    ...body,
  ].join('\n');
}

/**
 * The files with one diff of `unifiedDiff`'s form applied (one file, one hunk), so that the next
 * change is found, and diffed, in the text as it will be: a diff whose old lines are not where its
 * hunk says leaves the files as they were.
 */
export function applyDiff(files: readonly SourceFile[], diff: string): SourceFile[] {
  const [from = '', , hunk = '', ...body] = diff.split('\n');
  const path = from.replace(/^--- a\//, '');
  const start = Number(/^@@ -(\d+),/.exec(hunk)?.[1] ?? Number.NaN) - 1;
  return files.map((file) => {
    if (file.path !== path || !(start >= 0)) return file;
    const lines = file.text.split('\n');
    const old = body.filter((l) => !l.startsWith('+')).map((l) => l.slice(1));
    if (old.some((l, i) => lines[start + i] !== l)) return file;
    const next = body.filter((l) => !l.startsWith('-')).map((l) => l.slice(1));
    lines.splice(start, old.length, ...next);
    return { path: file.path, text: lines.join('\n') };
  });
}
