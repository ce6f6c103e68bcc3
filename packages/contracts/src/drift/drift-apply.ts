/**
 * From a drift report to changes of the contracts: for each `inferred` difference, the change to
 * the route's (or notification's) schema that would make the contracts accept what the real Omni
 * was seen doing — as a unified diff against the contracts' source when the field's line can be
 * located unambiguously, else as a precise instruction. `documented` differences are only listed:
 * they say that OmniKit or TForge's wiki is wrong, and a person decides which. Nothing is written;
 * a person reviews each change and applies it. Each diff is taken against the source as the diffs
 * before it leave it, so the printed output applies whole even where two changes are lines apart.
 *
 * The changes, by kind of difference: a value of another type → the field becomes a union with a
 * schema of what was seen (`call_id: id,` → `call_id: z.union([id, z.string().regex(/^\d+$/)]),`),
 * or `.nullable()` for a null; a required field absent → `.optional()`, or a rename when the
 * report saw it under another name; an unknown field → a new optional field; a value outside an
 * enumeration → the value added to it. Statuses, unknown routes and notification types, and
 * unreadable bodies always get an instruction: their change is more than a line.
 *
 * Pure: the report and the source files come in, text goes out.
 *
 * @module
 */

import type { Source } from '../source.js';
import {
  applyDiff,
  type FieldLine,
  fieldIn,
  objectEnd,
  type SourceFile,
  type Statement,
  statementOfConst,
  statementWithId,
  unifiedDiff,
} from './contract-source.js';
import { type DriftContracts, type JsonSchema, omniDriftContracts } from './drift-contracts.js';
import { type DriftReport, driftSummaryLine, type ReportedFinding } from './drift-report.js';
import { jsonTypeOf } from './schema-diff.js';

/** One difference of the report, and for an inferred one the change that absorbs it. */
export interface DriftApplyEntry {
  readonly source: Source;
  /** What it is about: `getCall GET /omni/voice/{user_id}/call/{call_id}`, `notification cdr`, … */
  readonly owner: string;
  readonly finding: ReportedFinding;
  /** For an inferred difference: a unified diff, or an instruction when no line can be changed alone. */
  readonly change?: { readonly diff: string } | { readonly instruction: string };
}

const REF_PREFIX = '#/components/schemas/';
const isObject = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);
const quoteTs = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const keyTs = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : quoteTs(name));

/** A zod schema (as source text) accepting a value like the one seen. */
export function schemaOfSeen(type: string, example: unknown): string {
  if (type === 'string') {
    if (typeof example === 'string') {
      if (/^\d+$/.test(example)) return 'z.string().regex(/^\\d+$/)';
      if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(example)) {
        return 'z.string().regex(/^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$/)';
      }
      if (/^\d{4}-\d{2}-\d{2}T[\d:.]+([+-]\d{2}:\d{2}|Z)$/.test(example)) return 'z.iso.datetime({ offset: true })';
    }
    return 'z.string()';
  }
  if (type === 'integer') return 'z.number().int()';
  if (type === 'number') return 'z.number()';
  if (type === 'boolean') return 'z.boolean()';
  if (type === 'null') return 'z.null()';
  if (type === 'array') return 'z.array(z.unknown())';
  return 'z.record(z.string(), z.unknown())';
}

/** The JSON type a finding saw: its `seen` when that names a type, else the example's. */
function seenType(finding: ReportedFinding): string {
  const types = ['string', 'integer', 'number', 'boolean', 'null', 'array', 'object'];
  return types.includes(finding.seen) ? finding.seen : jsonTypeOf(finding.example);
}

/** Where a field lives: the schema it belongs to (a component, else the route), and how deep below it. */
interface FieldHome {
  readonly component: string | undefined;
  /** Property or item steps taken since the last named schema: 0 when the field's object is that schema. */
  readonly depth: number;
  readonly name: string;
  /** The field is an array's items (`lead_ids[]`): a one-line change cannot reach it. */
  readonly items: boolean;
}

class SchemaWalk {
  component: string | undefined;
  depth = 0;
  constructor(private readonly components: Readonly<Record<string, JsonSchema>>) {}

  /** Follows `$ref`s (noting the component) and picks the object branch of a union. */
  settle(node: JsonSchema | undefined): JsonSchema | undefined {
    let current = node;
    for (let i = 0; i < 16 && current; i++) {
      if (typeof current.$ref === 'string' && current.$ref.startsWith(REF_PREFIX)) {
        this.component = current.$ref.slice(REF_PREFIX.length);
        this.depth = 0;
        current = this.components[this.component];
        continue;
      }
      const branches = (current.anyOf ?? current.oneOf) as JsonSchema[] | undefined;
      if (Array.isArray(branches)) {
        const objectish = branches.find((b) => b.$ref !== undefined || isObject(b.properties) || isObject(b.items));
        current = objectish;
        continue;
      }
      return current;
    }
    return current;
  }
}

/** The home of the field a location names, below `root` (`calls[].call_id` → `call_id` in `Call`). */
function fieldHome(
  components: Readonly<Record<string, JsonSchema>>,
  root: JsonSchema,
  path: string,
): FieldHome | undefined {
  const segments = path.split('.');
  const last = segments.pop();
  if (last === undefined || last === '') return undefined;
  const walk = new SchemaWalk(components);
  let node = walk.settle(root);
  for (const segment of segments) {
    const [, name = '', arrays = ''] = /^(.*?)((?:\[\])*)$/.exec(segment) ?? [];
    const properties = node?.properties;
    // A step deeper first: a $ref met on the way resets the depth to its own schema.
    walk.depth++;
    node = walk.settle(
      isObject(properties) && isObject(properties[name]) ? (properties[name] as JsonSchema) : undefined,
    );
    for (let i = 0; i < arrays.length / 2; i++) {
      walk.depth++;
      node = walk.settle(isObject(node?.items) ? (node?.items as JsonSchema) : undefined);
    }
    if (!node) return undefined;
  }
  const items = last.endsWith('[]');
  return { component: walk.component, depth: walk.depth, name: last.replace(/(\[\])+$/, ''), items };
}

interface Target {
  readonly root: JsonSchema;
  readonly path: string;
  readonly routeId?: string;
  readonly requestBody: boolean;
}

/** The schema a finding's location is under, and the field path below it. */
function targetOf(contracts: DriftContracts, owner: Owner, location: string): Target | undefined {
  if (owner.kind === 'route') {
    const route = contracts.routes.find((r) => r.id === owner.id);
    if (!route) return undefined;
    const request = /^request\.body\.(.+)$/.exec(location);
    if (request && route.requestBody) {
      return { root: route.requestBody.schema, path: request[1] as string, routeId: route.id, requestBody: true };
    }
    const response = /^response\.(\d{3})\.body\.(.+)$/.exec(location);
    const schema = response ? route.responses[response[1] as string]?.schema : undefined;
    return response && schema
      ? { root: schema, path: response[2] as string, routeId: route.id, requestBody: false }
      : undefined;
  }
  if (owner.kind === 'notification') {
    const notification = contracts.notifications.find((n) => n.type === owner.type);
    const prefix = `notification.${owner.type}.`;
    if (!notification || !location.startsWith(prefix)) return undefined;
    return { root: notification.schema, path: location.slice(prefix.length), requestBody: false };
  }
  return undefined;
}

type Owner =
  | { kind: 'route'; id: string }
  | { kind: 'notification'; type: string }
  | { kind: 'unknown-route' }
  | { kind: 'unknown-notification' };

/** The statement declaring the field's object: its named schema, else the route (or the route's body const). */
function homeStatement(files: readonly SourceFile[], home: FieldHome, target: Target): Statement | undefined {
  if (home.component !== undefined) return statementWithId(files, home.component);
  if (target.routeId === undefined) return undefined;
  const route = statementWithId(files, target.routeId);
  if (!route || !target.requestBody) return route;
  const lines = route.file.text.split('\n').slice(route.start, route.end);
  const body = lines.map((l) => /^\s*body: (\w+),\s*$/.exec(l)?.[1]).find((n) => n !== undefined);
  return body === undefined ? route : statementOfConst(files, body);
}

const where = (home: FieldHome, target: Target) =>
  `field "${home.name}" of ${home.component !== undefined ? `schema ${home.component}` : target.routeId !== undefined ? `route ${target.routeId}${target.requestBody ? "'s request body" : ''}` : 'the notification envelope'}`;

const lineRef = (field: { file: SourceFile; line: number }) => `${field.file.path}:${field.line + 1}`;

/** Splits trailing `.optional()`/`.nullable()` off an expression. */
function modifiers(expression: string): { base: string; mods: string } {
  const m = /^(.*?)((?:\.(?:optional|nullable)\(\))*)$/.exec(expression);
  return { base: m?.[1] ?? expression, mods: m?.[2] ?? '' };
}

function fieldLineText(field: FieldLine, key: string, expression: string): string {
  return `${field.indent}${key}: ${expression},`;
}

/** A value added to an enumeration: in the field's own `z.enum([...])`, or the const array it names. */
function enumChange(files: readonly SourceFile[], field: FieldLine, value: string): { diff: string } | undefined {
  const inline = /^(.*z\.enum\(\[.*?)(\s*)\]\)(.*)$/.exec(field.expression);
  if (inline) {
    const expression = `${inline[1]}, ${quoteTs(value)}])${inline[3]}`;
    return {
      diff: unifiedDiff(field.file, { line: field.line, replace: fieldLineText(field, field.key, expression) }),
    };
  }
  const ident = /^([A-Za-z_$][\w$]*)(?:\.|$)/.exec(field.expression)?.[1];
  if (ident === undefined || ident === 'z') return undefined;
  const declared = statementOfConst(files, ident);
  if (!declared) return undefined;
  const lines = declared.file.text.split('\n');
  for (let i = declared.start; i < declared.end; i++) {
    const line = lines[i] ?? '';
    const own = /^(.*z\.enum\(\[.*?)\]\)(.*)$/.exec(line);
    if (own)
      return { diff: unifiedDiff(declared.file, { line: i, replace: `${own[1]}, ${quoteTs(value)}])${own[2]}` }) };
    const named = /z\.enum\(([A-Z_][A-Z0-9_]*)\)/.exec(line)?.[1];
    if (named) return arrayValueChange(files, named, value);
  }
  return undefined;
}

function arrayValueChange(files: readonly SourceFile[], name: string, value: string): { diff: string } | undefined {
  const declared = statementOfConst(files, name);
  if (!declared) return undefined;
  const lines = declared.file.text.split('\n');
  const first = lines[declared.start] ?? '';
  const oneLine = /^(.*=\s*\[.*?)\]( as const;.*)$/.exec(first);
  if (oneLine) {
    return {
      diff: unifiedDiff(declared.file, {
        line: declared.start,
        replace: `${oneLine[1]}, ${quoteTs(value)}]${oneLine[2]}`,
      }),
    };
  }
  for (let i = declared.start + 1; i < declared.end; i++) {
    if (!/^\s*\]/.test(lines[i] ?? '')) continue;
    const indent = /^(\s*)/.exec(lines[i - 1] ?? '')?.[1] ?? '  ';
    return { diff: unifiedDiff(declared.file, { line: i, insert: `${indent}${quoteTs(value)},` }) };
  }
  return undefined;
}

/** The change for one inferred difference of a known route or notification type. */
function fieldChange(
  files: readonly SourceFile[],
  contracts: DriftContracts,
  owner: Owner,
  finding: ReportedFinding,
): { diff: string } | { instruction: string } {
  const target = targetOf(contracts, owner, finding.location);
  const home = target ? fieldHome(contracts.components, target.root, target.path) : undefined;
  const type = seenType(finding);
  const seen = schemaOfSeen(type, finding.example);
  const enumValue = typeof finding.example === 'string' ? finding.example : undefined;
  const wanted =
    finding.kind === 'type'
      ? type === 'null'
        ? 'make it nullable (.nullable())'
        : `let it accept ${seen} as well (z.union([<its schema>, ${seen}]))`
      : finding.kind === 'missing'
        ? finding.renamed_to !== undefined
          ? `rename it to "${finding.renamed_to}"`
          : 'make it optional (.optional())'
        : finding.kind === 'extra'
          ? `declare it: ${keyTs(home?.name ?? '')}: ${seen}.optional()`
          : `add ${JSON.stringify(finding.example)} to its values`;
  if (!target || !home) {
    return { instruction: `${finding.location}: no schema of the contracts holds this place; ${wanted} by hand.` };
  }
  const statement = homeStatement(files, home, target);
  const place = where(home, target);
  if (home.items) return { instruction: `Change the items of ${place}: ${wanted}.` };
  if (!statement) return { instruction: `Change ${place} (its declaration was not found in the source): ${wanted}.` };

  if (finding.kind === 'extra') {
    const end = home.depth === 0 ? objectEnd(statement) : undefined;
    const line = `${keyTs(home.name)}: ${seen}.optional(),`;
    if (end) return { diff: unifiedDiff(statement.file, { line: end.line, insert: `${end.indent}${line}` }) };
    return {
      instruction: `Add to the object that holds ${finding.location} (in ${statement.file.path}, the statement at line ${statement.start + 1}) the field ${line}`,
    };
  }

  const search = fieldIn(statement, home.name);
  if (!search.found) {
    const at =
      search.lines.length > 0
        ? ` (${search.lines.length === 1 ? 'line' : 'lines'} ${search.lines.map((l) => l + 1).join(', ')} of ${statement.file.path}: ${search.why === 'ambiguous' ? 'more than one declares it' : 'written over several lines'})`
        : ` (declared outside the statement at ${statement.file.path}:${statement.start + 1}, e.g. in a schema it extends)`;
    return { instruction: `Change ${place}${at}: ${wanted}.` };
  }
  const field = search.field;
  if (finding.kind === 'type') {
    const { base, mods } = modifiers(field.expression);
    const expression = type === 'null' ? `${field.expression}.nullable()` : `z.union([${base}, ${seen}])${mods}`;
    return {
      diff: unifiedDiff(field.file, { line: field.line, replace: fieldLineText(field, field.key, expression) }),
    };
  }
  if (finding.kind === 'missing') {
    const replace =
      finding.renamed_to !== undefined
        ? fieldLineText(field, keyTs(finding.renamed_to), field.expression)
        : fieldLineText(field, field.key, `${field.expression}.optional()`);
    return { diff: unifiedDiff(field.file, { line: field.line, replace }) };
  }
  if (finding.kind === 'enum' && enumValue !== undefined && finding.expected.startsWith('one of ')) {
    const change = enumChange(files, field, enumValue);
    if (change) return change;
  }
  return { instruction: `Change ${place} (${lineRef(field)}): ${wanted}.` };
}

/** The instruction for a difference no field change absorbs. */
function otherChange(owner: string, finding: ReportedFinding, extra: string): { instruction: string } {
  switch (finding.kind) {
    case 'status':
      return finding.location === 'response.status'
        ? {
            instruction: `${owner} answered ${finding.seen}, a status its route does not list (${finding.expected}): add a ${finding.seen} response to the route's responses (and the error code to its errors, for a 4xx), with the body seen as its schema.`,
          }
        : {
            instruction: `${owner} answered ${finding.seen}: Omni reports this failure in a 2xx body, not by status (B.2 infers 4xx/5xx). Review B.2 and the errors variant ok-false; no route object changes alone.`,
          };
    case 'unknown-route':
      return { instruction: `${extra}` };
    case 'unparseable':
      return {
        instruction: `${owner} ${finding.location}: expected ${finding.expected}, seen ${finding.seen}. Give the route's response the content type seen (a binary or text answer), or find why Omni answered so.`,
      };
    default:
      return {
        instruction: `${owner} ${finding.location}: expected ${finding.expected}, seen ${finding.seen}: the contracts infer it (B.7); drop or relax the requirement in omni-api.md Part B and in what checks it.`,
      };
  }
}

const times = (n: number) => (n === 1 ? 'once' : `${n} times`);

/** Every difference of a report, each inferred one with its change (pure: no file is read or written). */
export function planDriftChanges(
  report: DriftReport,
  files: readonly SourceFile[],
  contracts: DriftContracts = omniDriftContracts(),
): DriftApplyEntry[] {
  const entries: DriftApplyEntry[] = [];
  // Each change is found and diffed in the source as the changes before it left it: the diffs
  // then apply one after the other (git apply takes them whole), however close their lines are.
  let current: readonly SourceFile[] = files;
  const add = (owner: Owner, label: string, finding: ReportedFinding, unknown = '') => {
    if (finding.source === 'documented') {
      entries.push({ source: 'documented', owner: label, finding });
      return;
    }
    const fieldKinds = ['type', 'missing', 'extra', 'enum'];
    const isHeader = finding.location.startsWith('notification.headers.');
    const change =
      fieldKinds.includes(finding.kind) && !isHeader && (owner.kind === 'route' || owner.kind === 'notification')
        ? fieldChange(current, contracts, owner, finding)
        : otherChange(label, finding, unknown);
    if ('diff' in change) current = applyDiff(current, change.diff);
    entries.push({ source: 'inferred', owner: label, finding, change });
  };
  for (const route of report.routes) {
    for (const f of route.differs) add({ kind: 'route', id: route.id }, `${route.id} ${route.method} ${route.path}`, f);
  }
  for (const n of report.notifications) {
    for (const f of n.differs) add({ kind: 'notification', type: n.type }, `notification ${n.type}`, f);
  }
  for (const u of report.unknown_routes) {
    add(
      { kind: 'unknown-route' },
      'unknown route',
      u.finding,
      `No route of the contracts is ${u.method} ${u.path} (seen ${times(u.seen)}, answering ${u.statuses.join(', ')}; e.g. ${u.example_path}): add a defineRoute({ id, method: '${u.method}', path: '${u.path}', source: 'inferred', … }) to the group's file in packages/contracts/src/routes/ and to routes/index.ts, its path parameters named.`,
    );
  }
  for (const u of report.unknown_notifications) {
    add(
      { kind: 'unknown-notification' },
      'unknown notification type',
      u.finding,
      `No notification type "${u.type}" in the contracts (seen ${times(u.seen)}): add its payload schema, tagged inferred, and its envelope to packages/contracts/src/notifications.ts.`,
    );
  }
  return entries;
}

function findingLine(f: ReportedFinding): string {
  return `${f.kind}: expected ${f.expected}, seen ${f.seen}; ${f.count} ${f.count === 1 ? 'exchange' : 'exchanges'}, first at seq ${f.first_seq}; example: ${JSON.stringify(f.example)}`;
}

/** The text drift-apply prints for a report. */
export function formatDriftApply(report: DriftReport, entries: readonly DriftApplyEntry[], name: string): string {
  const inferred = entries.filter((e) => e.source === 'inferred');
  const documented = entries.filter((e) => e.source === 'documented');
  const out: string[] = [
    `drift-apply: ${name} (target ${report.target}, ${report.started_at} to ${report.ended_at})`,
    driftSummaryLine(report),
    '',
  ];
  out.push(
    inferred.length === 0
      ? 'Inferred (0): nothing to change.'
      : `Inferred (${inferred.length}): each a change that makes the contracts match what was seen, diffed on top of the ones before it: git apply this output whole, review the result (git diff), keep what you accept.`,
  );
  for (const [i, e] of inferred.entries()) {
    out.push('', `[${i + 1}] ${e.owner}: ${e.finding.location}`, `    ${findingLine(e.finding)}`);
    if (e.change && 'diff' in e.change) out.push(e.change.diff);
    else if (e.change) out.push(`    instruction: ${e.change.instruction}`);
  }
  out.push(
    '',
    documented.length === 0
      ? 'Documented (0): nothing to judge.'
      : `Documented (${documented.length}): for a person to judge (OmniKit or TForge's wiki is wrong); never turned into a diff.`,
  );
  for (const [i, e] of documented.entries()) {
    out.push('', `[${i + 1}] ${e.owner}: ${e.finding.location}`, `    ${findingLine(e.finding)}`);
  }
  return `${out.join('\n')}\n`;
}
