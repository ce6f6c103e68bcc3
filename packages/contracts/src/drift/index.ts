/**
 * `@omnikit/contracts/drift`: what the proxy, replay and drift-apply share — the recording
 * format (one JSON Lines exchange), the drift report's format, the check of one exchange
 * against the contracts, and the fold of checks (and of target timeouts, target failures and the
 * webhook tap's failed deliveries) into a report.
 *
 * @module
 */

export * from './check-exchange.js';
export * from './drift-contracts.js';
export * from './drift-report.js';
export * from './fold-findings.js';
export * from './fold-tap-failure.js';
export * from './fold-target-failure.js';
export * from './fold-timeout.js';
export * from './recording-line.js';
export { exampleOf, jsonTypeOf, SchemaDiff } from './schema-diff.js';
