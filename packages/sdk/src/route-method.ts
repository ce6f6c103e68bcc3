/**
 * The types of the generated methods, worked out from each route of the contracts: a method's
 * arguments (path parameters in path order, then the body or query, then `RequestOptions`) and
 * the answer it resolves to.
 *
 * @module
 */

import type { BinaryResponse, Routes } from '@omnikit/contracts';
import type { MessagingRouteId, MessagingRoutes } from '@omnikit/contracts/messaging';
import type { z } from 'zod';
import type { CurrentRouteId, MethodNames } from './method-names.js';

/** Omni's current routes and the messaging routes, by id. */
type AllRoutes = { [K in CurrentRouteId]: Routes[K] } & MessagingRoutes;

/**
 * Per-call options, the last argument of every method.
 *
 * @example
 * ```ts
 * import { OmniClient, type RequestOptions } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * const omni = client.withSession(await client.authorize('agent1', 'password1'));
 * const options: RequestOptions = { signal: AbortSignal.timeout(2_000), maxRetries: 0 };
 * const campaign = await omni.campaigns.get(1, options);
 * ```
 */
export interface RequestOptions {
  /** Cancels the request (and any wait before a retry). */
  readonly signal?: AbortSignal;
  /** Per-attempt limit for this call, overriding the client's `timeoutMs` (same range; a bad one is a TypeError). */
  readonly timeoutMs?: number;
  /** Overrides the client's `maxRetries` for this call (a whole number, 0 or more; the retry rule still applies). */
  readonly maxRetries?: number;
}

/** `{a}/{b}` → `['a', 'b']`, from a contract's path literal. */
type PathNames<P extends string> = P extends `${string}{${infer N}}${infer Rest}` ? [N, ...PathNames<Rest>] : [];

/** The session fills `{user_id}`; the caller passes every other path parameter, in path order. */
type CallerNames<T extends readonly string[]> = T extends readonly [infer H, ...infer Rest extends string[]]
  ? H extends 'user_id'
    ? CallerNames<Rest>
    : [H, ...CallerNames<Rest>]
  : [];

type ValuesOf<Names extends readonly string[], Shape> = { [I in keyof Names]: Shape[Names[I] & keyof Shape] };

/** Positional path arguments, typed as the handler sees them (z.output: ids are numbers). */
type PathArgs<R> = R extends { readonly path: infer P extends string; readonly params: infer S extends z.ZodType }
  ? ValuesOf<CallerNames<PathNames<P>>, z.output<S>>
  : [];

/**
 * A query's z.input, except that a coerced field (z.input `unknown`: the wire gives text) takes
 * its output type, so `page` is a number for the caller rather than anything at all.
 */
type QueryInput<Q extends z.ZodType> = KnownKeys<{
  [K in keyof z.input<Q>]: unknown extends z.input<Q>[K] ? z.output<Q>[K & keyof z.output<Q>] : z.input<Q>[K];
}>;

/**
 * Drops index signatures. A route's type is its own object `&` the general RouteDef, whose
 * `query?: z.ZodObject` adds `[key: string]: unknown` to the inferred shape.
 */
type KnownKeys<T> = { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };

/** The body (z.input: what the caller may send, documented misspellings included) or the query. */
type InputArgs<R> = R extends { readonly body: infer B extends z.ZodType }
  ? [body: z.input<B>]
  : R extends { readonly query: infer Q extends z.ZodType }
    ? object extends QueryInput<Q>
      ? [query?: QueryInput<Q>]
      : [query: QueryInput<Q>]
    : [];

/**
 * What a route's 200 gives back: the contract's z.output, or a Blob for a binary answer.
 *
 * @example
 * ```ts
 * import type { Routes } from '@omnikit/contracts';
 * import type { RouteResult } from '@omnikit/sdk';
 *
 * type Campaign = RouteResult<Routes['getCampaign']>; // the 200 body, parsed
 * type Recording = RouteResult<Routes['getRecording']>; // a Blob: binary answers are not parsed
 * ```
 */
export type RouteResult<R> = R extends { readonly responses: infer Rs }
  ? 200 extends keyof Rs
    ? [Rs[200]] extends [BinaryResponse]
      ? Blob
      : Rs[200] extends z.ZodType
        ? z.output<Rs[200]>
        : never
    : never
  : never;

/**
 * The method generated for route `R`: path args, then body or query, then options.
 *
 * @example
 * ```ts
 * import type { Routes } from '@omnikit/contracts';
 * import type { RouteMethod } from '@omnikit/sdk';
 *
 * // `agent.calls.hold` is a RouteMethod: (call_id, options?) => Promise<its 200 body>.
 * const hold: RouteMethod<Routes['holdCall']> = async (callId) => {
 *   throw new Error(`a stand-in for tests: call ${callId} was not held`);
 * };
 * ```
 */
export type RouteMethod<R> = (
  ...args: [...PathArgs<R>, ...InputArgs<R>, options?: RequestOptions]
) => Promise<RouteResult<R>>;

/**
 * The methods of one contract group, named by METHOD_NAMES.
 *
 * @example
 * ```ts
 * import type { GroupMethods } from '@omnikit/sdk';
 *
 * // The type of `agent.calls`: hand a group's methods to code that needs only them.
 * async function holdBriefly(calls: GroupMethods<'calls'>, callId: number): Promise<void> {
 *   await calls.hold(callId);
 *   await new Promise((resolve) => setTimeout(resolve, 5_000));
 *   await calls.retrieve(callId);
 * }
 * ```
 */
export type GroupMethods<G extends string> = {
  [K in CurrentRouteId as Routes[K]['group'] extends G ? MethodNames[K] : never]: RouteMethod<Routes[K]>;
};

/**
 * What route `Id` returns, e.g. `MethodOutput<'getCampaign'>` or `MethodOutput<'getMessage'>`.
 *
 * @example
 * ```ts
 * import type { MethodOutput } from '@omnikit/sdk';
 *
 * function title(campaign: MethodOutput<'getCampaign'>): string {
 *   return `${campaign.campaign_id}: ${campaign.campaign_name}`;
 * }
 * ```
 */
export type MethodOutput<Id extends CurrentRouteId | MessagingRouteId> = RouteResult<AllRoutes[Id]>;
/**
 * What route `Id` takes as its body or query, e.g. `MethodInput<'makeCall'>` or `MethodInput<'sendMessage'>`.
 *
 * @example
 * ```ts
 * import type { MethodInput } from '@omnikit/sdk';
 *
 * const body: MethodInput<'makeCall'> = { phone_number: '0800555008', unique_id: 'crm-42' };
 * ```
 */
export type MethodInput<Id extends CurrentRouteId | MessagingRouteId> = InputArgs<AllRoutes[Id]>[0];
