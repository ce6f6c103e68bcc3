/**
 * `@omnikit/contracts/variants`: the variation axes — the plausible answers of a real Omni where the wiki is silent —
 * as data, the fields each touches (read off the schemas), the rewrites that produce each variant on the wire and
 * the normaliser that reads any of them back.
 *
 * @module
 */

export * from './axes-markdown.js';
export * from './rewrite-wire.js';
export * from './variant-fields.js';
export * from './variation.js';
export * from './variation-axes.js';
