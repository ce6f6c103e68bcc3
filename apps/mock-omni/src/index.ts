/**
 * The package's entry (`@omnikit/mock-omni`): `createMockOmni` and its options, the demo system's key and users, and
 * the types a caller needs to add its own handlers and timers.
 *
 * @module
 */

export {
  createMockOmni,
  type Listening,
  type ListenOptions,
  type MockOmni,
  type MockOmniOptions,
  STRICT_TEST_LINES,
} from './create-mock-omni.js';
export { MANUAL_CLOCK_START } from './engine/clock.js';
export { DomainError } from './engine/domain-error.js';
export { DEMO_SYSTEM_KEY, DEMO_USERS, type DemoUser } from './engine/systems/demo-data.js';
export type { SystemContext } from './engine/systems/system-context.js';
export type { TimerHandler, TimerRun, TimerService } from './engine/timers/timer-service.js';
export type { ControlHandlers } from './http/control-handlers.js';
export type { Handler, HandlerInput } from './http/mount-route.js';
export type { OmniHandlers } from './http/omni-handlers.js';
export { RawJson } from './http/raw-json.js';
export { type Logger, MockServices } from './mock-services.js';
export { runSimulation, type SimulationProgress, type SimulationResult } from './simulate/run-simulation.js';
export { renderSimulationReport, type SimulationReportInput } from './simulate/simulation-report.js';
export {
  type SimulationSettings,
  type SimulationSettingsInput,
  simulationSettings,
} from './simulate/simulation-settings.js';
export { MOCK_VERSION } from './version.js';
