/**
 * `@omnikit/scenarios`: scenarios as data (`defineScenario`, `step`, `check`, `m`), the runner
 * (`runScenario`, `runSuite`, `runMatrix` for `--vary all`) over a target (the mock in this process, a mock at a URL, a real Omni),
 * the contract suite (`runContractSuite`), the scenario `library`, and the `startMockOmni()` fixture
 * for your own tests.
 *
 * @module
 */

export { CONTRACT_CHECKS, type ContractCheck } from './contract-suite/contract-checks.js';
export { MESSAGING_CHECKS } from './contract-suite/messaging-checks.js';
export {
  type ContractReport,
  type ContractStatus,
  formatContractTable,
  runContractSuite,
} from './contract-suite/run-contract-suite.js';
export { check, step, testNumber } from './dsl/builders.js';
export {
  defineIntegration,
  type Integration,
  type IntegrationInput,
  type IntegrationStep,
  isIntegration,
} from './dsl/define-integration.js';
export { defineScenario, ScenarioDefinitionError } from './dsl/define-scenario.js';
export { m } from './dsl/matchers.js';
export type {
  Expectation,
  ExpectationInput,
  FieldMatcher,
  FieldMatchers,
  NumberRef,
  Scenario,
  ScenarioInput,
  Step,
  StepInput,
} from './dsl/scenario-schema.js';
export { scenarioSchema } from './dsl/scenario-schema.js';
export { type MockOmniFixture, type StartMockOmniOptions, startMockOmni } from './fixtures/start-mock-omni.js';
export { library } from './library/index.js';
export { CredentialsRefusedError } from './runner/check-credentials.js';
export { formatMatrix } from './runner/format-matrix.js';
export { MAGIC_NUMBERS } from './runner/requirements.js';
export { runIntegration } from './runner/run-integration.js';
export {
  type MatrixCell,
  type MatrixOptions,
  type MatrixReport,
  type MatrixVariant,
  runMatrix,
} from './runner/run-matrix.js';
export { type RunOptions, runScenario } from './runner/run-scenario.js';
export {
  formatSuiteTable,
  runSuite,
  type SuiteEntry,
  type SuiteOptions,
  type SuiteReport,
} from './runner/run-suite.js';
export { describeFault, type ScenarioFault } from './runner/scenario-fault.js';
export type { ScenarioResult, ScenarioStatus } from './runner/scenario-result.js';
export { type Delivery, type Inbox, WebhookReceiver } from './runner/webhook-inbox.js';
export { ControlApiError, type ControlClient, createControlClient } from './target/control-client.js';
export { createInprocTarget, createMockUrlTarget } from './target/mock-target.js';
export { findProxyTap, type ProxyTap } from './target/proxy-tap.js';
export { createRealTarget, type RealTargetConfig, readRealTargetConfig } from './target/real-target.js';
export type { AgentCredentials, Target, TargetCapabilities, TargetKind, TargetSystem } from './target/target.js';
