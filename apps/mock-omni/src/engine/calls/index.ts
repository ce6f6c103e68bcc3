export * from './call-disposition.js';
export * from './call-machine.js';
export * from './call-record.js';
export * from './call-step.js';
export * from './call-timing.js';
export * from './callee-model.js';
export * from '../notifications/notification-payloads.js';
export * from './recording-file-name.js';
