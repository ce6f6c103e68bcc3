/**
 * The scenario library: each scenario of `library/` by name, and `library`, all of them in the
 * order the CLI lists and runs them.
 *
 * @module
 */

import type { Scenario } from '../dsl/scenario-schema.js';
import { blendedInbound } from './blended-inbound.js';
import { clickToDialHappyPath } from './click-to-dial-happy-path.js';
import { conferenceAndConnect } from './conference-and-connect.js';
import { emailBounce } from './email-bounce.js';
import { failureBusy } from './failure-busy.js';
import { failureInvalid } from './failure-invalid.js';
import { failureMachine } from './failure-machine.js';
import { failureNoAnswer } from './failure-no-answer.js';
import { holdAndRetrieve } from './hold-and-retrieve.js';
import { predictiveDay } from './predictive-day.js';
import { preview } from './preview.js';
import { recording } from './recording.js';
import { shotgunLost } from './shotgun-lost.js';
import { shotgunMachineDetected } from './shotgun-machine-detected.js';
import { shotgunMachineFirst } from './shotgun-machine-first.js';
import { shotgunWon } from './shotgun-won.js';
import { sipPhoneDrop } from './sip-phone-drop.js';
import { smsSegments } from './sms-segments.js';
import { smsStopOptOut } from './sms-stop-opt-out.js';
import { tokenExpiry } from './token-expiry.js';
import { webhookOutage } from './webhook-outage.js';
import { whatsappReplyRead } from './whatsapp-reply-read.js';
import { whatsappTemplateRequired } from './whatsapp-template-required.js';

export {
  blendedInbound,
  clickToDialHappyPath,
  conferenceAndConnect,
  emailBounce,
  failureBusy,
  failureInvalid,
  failureMachine,
  failureNoAnswer,
  holdAndRetrieve,
  predictiveDay,
  preview,
  recording,
  shotgunLost,
  shotgunMachineDetected,
  shotgunMachineFirst,
  shotgunWon,
  sipPhoneDrop,
  smsSegments,
  smsStopOptOut,
  tokenExpiry,
  webhookOutage,
  whatsappReplyRead,
  whatsappTemplateRequired,
};

/**
 * The library, in the order the CLI lists and runs it.
 *
 * @example
 * ```ts
 * import { createInprocTarget, library, runSuite } from '@omnikit/scenarios';
 *
 * const target = await createInprocTarget();
 * const { counts } = await runSuite(library.filter((s) => s.name.startsWith('shotgun')), { target });
 * await target.close();
 * ```
 */
export const library: readonly Scenario[] = [
  clickToDialHappyPath,
  holdAndRetrieve,
  recording,
  conferenceAndConnect,
  failureBusy,
  failureNoAnswer,
  failureMachine,
  failureInvalid,
  shotgunWon,
  shotgunLost,
  shotgunMachineFirst,
  shotgunMachineDetected,
  predictiveDay,
  blendedInbound,
  preview,
  tokenExpiry,
  webhookOutage,
  sipPhoneDrop,
  whatsappReplyRead,
  whatsappTemplateRequired,
  smsStopOptOut,
  smsSegments,
  emailBounce,
];
