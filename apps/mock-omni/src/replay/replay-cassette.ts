/**
 * Which recorded exchange answers a request, as a cassette: the recording's REST exchanges are
 * grouped twice — by the exact request (method, path, query, body) and by route (the contracts'
 * route with its path parameters, or for a path no route knows, its numeric segments as `{n}`).
 * A request takes the next answer of the first group it matches, exact before route; the n-th
 * matching request gets the n-th recorded answer and, after the last, the last one again (a
 * client that polls past the end keeps seeing the final state rather than an error). The two
 * kinds of group count separately.
 *
 * Credentials never decide a match: headers are not compared, `auth-key` is ignored in the
 * query, and a redacted placeholder (`redacted:token:1`) in a recorded body or query matches any
 * value, since the recording only ever held the placeholder.
 *
 * Pure: no I/O, no clock; the server reads the request and writes the answer.
 *
 * @module
 */

import type { JsonValue } from '@omnikit/contracts';
import {
  type DriftContracts,
  matchRoute,
  omniDriftContracts,
  type RecordingLine,
  templatePath,
} from '@omnikit/contracts/drift';

/** A request as replay reads it off the socket. */
export interface LiveRequest {
  readonly method: string;
  /** The path alone, without the query. */
  readonly path: string;
  readonly query: Readonly<Record<string, string | readonly string[]>>;
  /** The body's bytes as Base64 (`''` for none), its JSON when it parses, else its text. */
  readonly body: { readonly base64: string; readonly json?: JsonValue; readonly text?: string };
}

export type CassetteAnswer =
  | { readonly hit: true; readonly line: RecordingLine; readonly by: 'exact' | 'route' }
  | { readonly hit: false; readonly closest: { readonly line: RecordingLine; readonly differs: readonly string[] } };

/** The query parameter that carries the system key (A.2): a credential, never part of a match. */
const AUTH_KEY_PARAM = 'auth-key';
const PLACEHOLDERS = /(?:Key=)?redacted:[a-z-]+:\d+/g;
const HAS_PLACEHOLDER = /(?:Key=)?redacted:[a-z-]+:\d+/;
const IS_PLACEHOLDER = /^(?:Key=)?redacted:[a-z-]+:\d+$/;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether a live value fits a recorded one, a redacted placeholder inside a string matching anything. */
export function valueMatches(recorded: unknown, live: unknown): boolean {
  if (typeof recorded === 'string') {
    if (!HAS_PLACEHOLDER.test(recorded)) return recorded === live;
    if (typeof live !== 'string') return IS_PLACEHOLDER.test(recorded);
    const pattern = recorded.split(PLACEHOLDERS).map(escapeRegExp).join('[\\s\\S]+');
    return new RegExp(`^${pattern}$`).test(live);
  }
  if (Array.isArray(recorded)) {
    return Array.isArray(live) && live.length === recorded.length && recorded.every((r, i) => valueMatches(r, live[i]));
  }
  if (typeof recorded === 'object' && recorded !== null) {
    if (typeof live !== 'object' || live === null || Array.isArray(live)) return false;
    const r = recorded as Record<string, unknown>;
    const l = live as Record<string, unknown>;
    const keys = Object.keys(r);
    return keys.length === Object.keys(l).length && keys.every((k) => Object.hasOwn(l, k) && valueMatches(r[k], l[k]));
  }
  return recorded === live;
}

function withoutAuthKey(
  query: Readonly<Record<string, string | readonly string[]>>,
): Record<string, string | readonly string[]> {
  const { [AUTH_KEY_PARAM]: _key, ...rest } = query;
  return rest;
}

const queryMatches = (recorded: RecordingLine['request']['query'], live: LiveRequest['query']) =>
  valueMatches(withoutAuthKey(recorded), withoutAuthKey(live));

function bodyMatches(recorded: RecordingLine['request'], live: LiveRequest['body']): boolean {
  if (recorded.body_base64 !== undefined) return recorded.body_base64 === live.base64;
  if (recorded.body === undefined) return live.base64 === '';
  // A text body was recorded as its text, which may also parse as JSON (`42`): either reading fits.
  if (typeof recorded.body === 'string' && valueMatches(recorded.body, live.text ?? '')) return true;
  return live.json !== undefined && valueMatches(recorded.body, live.json);
}

/** What of a live request differs from a recorded one: `method`, `path`, `query`, `body`. */
function differences(line: RecordingLine, live: LiveRequest): string[] {
  const out: string[] = [];
  if (line.request.method.toUpperCase() !== live.method.toUpperCase()) out.push('method');
  if (line.request.path !== live.path) out.push('path');
  if (!queryMatches(line.request.query, live.query)) out.push('query');
  if (!bodyMatches(line.request, live.body)) out.push('body');
  return out;
}

/** How far apart two paths are: differing segments, plus the difference in their counts. */
function pathDistance(a: string, b: string): number {
  const x = a.split('/').filter(Boolean);
  const y = b.split('/').filter(Boolean);
  let d = Math.abs(x.length - y.length);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) d++;
  return d;
}

interface Group {
  readonly lines: RecordingLine[];
  next: number;
}

function take(group: Group): RecordingLine {
  const line = group.lines[Math.min(group.next, group.lines.length - 1)] as RecordingLine;
  group.next++;
  return line;
}

export class ReplayCassette {
  /** Exact groups under `METHOD path`: each holds lines whose query and body are the same. */
  readonly #exact = new Map<string, Group[]>();
  readonly #routes = new Map<string, Group>();
  readonly #rest: readonly RecordingLine[];

  constructor(
    lines: readonly RecordingLine[],
    private readonly contracts: DriftContracts = omniDriftContracts(),
  ) {
    this.#rest = lines.filter((l) => l.kind === 'rest').sort((a, b) => a.seq - b.seq);
    for (const line of this.#rest) {
      const key = `${line.request.method.toUpperCase()} ${line.request.path}`;
      const groups = this.#exact.get(key) ?? [];
      const same = groups.find((g) => {
        const first = (g.lines[0] as RecordingLine).request;
        return (
          JSON.stringify([first.query, first.body, first.body_base64]) ===
          JSON.stringify([line.request.query, line.request.body, line.request.body_base64])
        );
      });
      if (same) same.lines.push(line);
      else groups.push({ lines: [line], next: 0 });
      this.#exact.set(key, groups);
      const route = this.routeKey(line.request.method, line.request.path);
      const group = this.#routes.get(route) ?? { lines: [], next: 0 };
      group.lines.push(line);
      this.#routes.set(route, group);
    }
  }

  /** The route a request is for: the contracts' route id, else `METHOD` and the path with `{n}`. */
  routeKey(method: string, path: string): string {
    const upper = method.toUpperCase();
    return matchRoute(this.contracts, upper, path)?.id ?? `${upper} ${templatePath(path)}`;
  }

  /** The recorded exchange that answers `live` (and moves that group's cassette on), or the closest one. */
  answer(live: LiveRequest): CassetteAnswer {
    const groups = this.#exact.get(`${live.method.toUpperCase()} ${live.path}`) ?? [];
    const exact = groups.find((g) => {
      const recorded = (g.lines[0] as RecordingLine).request;
      return queryMatches(recorded.query, live.query) && bodyMatches(recorded, live.body);
    });
    if (exact) return { hit: true, line: take(exact), by: 'exact' };
    const route = this.#routes.get(this.routeKey(live.method, live.path));
    if (route) return { hit: true, line: take(route), by: 'route' };
    return { hit: false, closest: this.closest(live) };
  }

  /** The recorded request nearest `live`: same method first, then the nearest path, then the fewest differences. */
  closest(live: LiveRequest): { line: RecordingLine; differs: string[] } {
    let best: { line: RecordingLine; differs: string[]; score: number } | undefined;
    for (const line of this.#rest) {
      const differs = differences(line, live);
      const score =
        (differs.includes('method') ? 1000 : 0) + pathDistance(line.request.path, live.path) * 10 + differs.length;
      if (!best || score < best.score) best = { line, differs, score };
    }
    // The constructor's caller guarantees a REST line (loadRecording refuses a recording without one).
    if (!best) throw new Error('a replay needs at least one REST exchange');
    return { line: best.line, differs: best.differs };
  }
}
