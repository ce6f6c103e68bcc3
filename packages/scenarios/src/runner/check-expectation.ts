import {
  type ApiError,
  MessageTagRequiredError,
  type Notification,
  RecipientOptedOutError,
  TemplateNotApprovedError,
  TemplateRequiredError,
  TemplateVariablesError,
} from '@omnikit/sdk';
import type { Expectation, NotificationPattern } from '../dsl/scenario-schema.js';
import { matches, mismatches, type RefResolver } from './match-fields.js';
import type { RunContext } from './run-context.js';

/** The rule a refusal reports: its `error_code`, or the sdk's class for it when Omni sent no code. */
function refusalCode(error: ApiError): string | undefined {
  if (error.errorCode) return error.errorCode;
  if (error instanceof TemplateRequiredError) return 'WINDOW_CLOSED_TEMPLATE_REQUIRED';
  if (error instanceof MessageTagRequiredError) return 'MESSAGE_TAG_REQUIRED';
  if (error instanceof RecipientOptedOutError) return 'RECIPIENT_OPTED_OUT';
  if (error instanceof TemplateNotApprovedError) return 'TEMPLATE_NOT_APPROVED';
  if (error instanceof TemplateVariablesError) return 'TEMPLATE_VARIABLES_MISMATCH';
  return undefined;
}

function briefly(n: Notification): string {
  const p = n.payload as Record<string, unknown>;
  const key = [
    'call_state',
    'agent_state',
    'recording_state',
    'state',
    'dispostion_code',
    'message_status',
    'window_state',
    'reason',
    'disposition_code',
  ].find((k) => k in p);
  return `${n.type}${key ? `(${String(p[key])})` : ''}`;
}

function fits(n: Notification, p: NotificationPattern, refs: RefResolver): boolean {
  return n.type === p.type && matches(n.payload, p.fields, refs);
}

/**
 * Whether each item can be given a notification of its own (a matching in the bipartite graph of items and
 * notifications, found by augmenting paths): `undefined` when it can, else the index of an item left without one.
 */
function unmatchedItem(
  seen: Notification[],
  items: readonly NotificationPattern[],
  refs: RefResolver,
): number | undefined {
  const fitting = items.map((item) => seen.flatMap((n, j) => (fits(n, item, refs) ? [j] : [])));
  const owner = new Map<number, number>();
  const assign = (i: number, visited: Set<number>): boolean => {
    for (const j of fitting[i] ?? []) {
      if (visited.has(j)) continue;
      visited.add(j);
      const other = owner.get(j);
      if (other === undefined || assign(other, visited)) {
        owner.set(j, i);
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < items.length; i++) if (!assign(i, new Set())) return i;
  return undefined;
}

/** Why the expectation does not hold now (empty: it holds). */
export async function checkExpectation(ctx: RunContext, ex: Expectation): Promise<string[]> {
  const refs: RefResolver = (name) => ctx.refs.get(name);
  const id = (name: string) => {
    const v = ctx.refs.get(name);
    if (v === undefined) throw new Error(`"${name}" names nothing this run made`);
    return v;
  };
  const api = (agent: string) => {
    const a = ctx.agents.get(agent)?.api;
    if (!a) throw new Error(`agent "${agent}" never authorized`);
    return a;
  };
  switch (ex.kind) {
    case 'notifications': {
      const seen = ctx.inbox
        .notifications()
        .filter(
          (n) =>
            (ex.where.types === undefined || ex.where.types.includes(n.type)) &&
            (ex.where.fields === undefined || matches(n.payload, ex.where.fields, refs)),
        );
      if (ex.mode === 'exact') {
        if (seen.length !== ex.items.length)
          return [
            `expected ${ex.items.length} notifications [${ex.items.map((i) => i.type).join(', ')}], got ${seen.length} [${seen.map(briefly).join(', ')}]`,
          ];
        for (const [i, item] of ex.items.entries()) {
          const n = seen[i] as Notification;
          if (n.type !== item.type) return [`notification ${i + 1}: expected ${item.type}, got ${briefly(n)}`];
          const why = mismatches(n.payload, item.fields, refs);
          if (why.length > 0) return [`notification ${i + 1} (${item.type}): ${why.join(', ')}`];
        }
        return [];
      }
      if (ex.mode === 'set' || ex.mode === 'exact-set') {
        if (ex.mode === 'exact-set' && seen.length !== ex.items.length)
          return [
            `expected ${ex.items.length} notifications in any order [${ex.items.map((i) => i.type).join(', ')}], got ${seen.length} [${seen.map(briefly).join(', ')}]`,
          ];
        const unmatched = unmatchedItem(seen, ex.items, refs);
        if (unmatched === undefined) return [];
        const item = ex.items[unmatched] as NotificationPattern;
        return [
          `no ${item.type} ${JSON.stringify(item.fields)} (item ${unmatched + 1}) besides those matching the other items; got [${seen.map(briefly).join(', ')}]`,
        ];
      }
      let at = 0;
      for (const [i, item] of ex.items.entries()) {
        while (at < seen.length && !fits(seen[at] as Notification, item, refs)) at++;
        if (at >= seen.length)
          return [
            `no ${item.type} ${JSON.stringify(item.fields)} (item ${i + 1}) after the earlier items; got [${seen.map(briefly).join(', ')}]`,
          ];
        at++;
      }
      return [];
    }
    case 'notificationCount': {
      const pool = ex.duplicates ? ctx.inbox.deliveries.map((d) => d.notification) : ctx.inbox.notifications();
      const count = pool.filter((n) => n.type === ex.type && matches(n.payload, ex.fields, refs)).length;
      const out: string[] = [];
      if (ex.min !== undefined && count < ex.min) out.push(`expected at least ${ex.min} ${ex.type}, got ${count}`);
      if (ex.max !== undefined && count > ex.max) out.push(`expected at most ${ex.max} ${ex.type}, got ${count}`);
      return out;
    }
    case 'call':
      return mismatches(await api(ex.agent).calls.get(id(ex.call)), ex.fields, refs);
    case 'agent':
      return mismatches(await api(ex.agent).get(), ex.fields, refs);
    case 'cdr': {
      const callId = id(ex.call);
      const cdrs = ctx.inbox.notifications().filter((n) => n.type === 'cdr' && n.payload.call_id === callId);
      if (cdrs.length !== 1) return [`expected one cdr for call ${callId} (${ex.call}), got ${cdrs.length}`];
      return mismatches((cdrs[0] as Notification).payload, ex.fields, refs);
    }
    case 'shotgun':
      return mismatches(await api(ex.agent).shotgun.get(id(ex.shotgun)), ex.fields, refs);
    case 'lead':
      return mismatches(await ctx.directory.leads.get(id(ex.lead)), ex.fields, refs);
    case 'campaignStats': {
      const control = ctx.system.control;
      if (!control) return ['campaign statistics need the control API'];
      return mismatches(
        await control.call('getCampaignStats', { params: { campaign_id: String(id(ex.campaign)) } }),
        ex.fields,
        refs,
      );
    }
    case 'deliveries': {
      const control = ctx.system.control;
      if (!control) return ['the delivery record needs the control API'];
      const list = await control.call('listWebhookDeliveries', {
        query: { call_id: String(id(ex.call)), ...(ex.type === 'any' ? {} : { type: ex.type }) },
      });
      if (list.deliveries.length === 0)
        return [`no ${ex.type === 'any' ? '' : `${ex.type} `}delivery recorded for ${ex.call}`];
      const why = list.deliveries.map((d) => mismatches(d, ex.fields, refs).map((w) => `${d.notification_id}: ${w}`));
      if (ex.match === 'some')
        return why.some((w) => w.length === 0)
          ? []
          : [`no ${ex.type === 'any' ? '' : `${ex.type} `}delivery matches: ${why.flat().join('; ')}`];
      return why.flat();
    }
    case 'authorizations': {
      const a = ctx.agents.get(ex.agent);
      const n = a?.authorizations ?? 0;
      return n === ex.count ? [] : [`expected ${ex.count} authorizations, got ${n}`];
    }
    case 'message':
      return mismatches(await api(ex.agent).messages.get(id(ex.message)), ex.fields, refs);
    case 'conversation':
      return mismatches(await api(ex.agent).conversations.get(id(ex.conversation)), ex.fields, refs);
    case 'refused': {
      const outcome = ctx.sends.get(ex.send);
      if (!outcome) return [`no send step named "${ex.send}" ran`];
      if (outcome.sent) return [`expected a refusal with ${ex.error_code}, but message ${outcome.message_id} was sent`];
      // Omni may leave error_code out (errors=ok-false, status-only): the sdk's class for the rule says it then.
      if (refusalCode(outcome.error) === ex.error_code) return [];
      return [
        `expected a refusal with ${ex.error_code}, got ${outcome.error.name} ${outcome.error.status}${outcome.error.errorCode ? ` ${outcome.error.errorCode}` : ''}: ${outcome.error.detail}`,
      ];
    }
  }
}
