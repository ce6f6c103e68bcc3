/**
 * The refusals of the messaging channels' rules (B.12.5), each a subclass of the kind it is (a 409
 * is still an `InvalidStateError`, a 400 a `ValidationError`), so a CRM can tell "write a
 * template" from "this customer opted out" whichever way Omni said it: by `error_code`, or, when
 * Omni sends none, by the words of `detail`.
 *
 * @module
 */

import { InvalidStateError, ValidationError } from './omni-error.js';

/**
 * 409 `WINDOW_CLOSED_TEMPLATE_REQUIRED`: free text (or media) on WhatsApp to a customer who has not
 * written in the last 24 hours: only an approved template may be sent.
 *
 * @example
 * ```ts
 * import { OmniClient, TemplateRequiredError } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * const agent = client.agent(await client.authorize('agent1', 'password1'));
 * const to = '0821234567';
 * try {
 *   await agent.messaging.send({ channel: 'whatsapp', to, body: 'Are you still interested?' });
 * } catch (error) {
 *   if (!(error instanceof TemplateRequiredError)) throw error;
 *   await agent.messaging.send({
 *     channel: 'whatsapp',
 *     to,
 *     template: { template_name: 'order_update', language: 'en', variables: ['Thandi', 'A-1001'] },
 *   });
 * }
 * ```
 */
export class TemplateRequiredError extends InvalidStateError {}

/**
 * 409 `MESSAGE_TAG_REQUIRED`: Messenger text outside the 24-hour standard window without a
 * `message_tag` (`HUMAN_AGENT` allows 7 days after the customer's last message).
 *
 * @example
 * ```ts
 * import { MessageTagRequiredError, OmniClient } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * const agent = client.agent(await client.authorize('agent1', 'password1'));
 * const reply = { channel: 'facebook', to: '6660002', body: 'Your replacement is booked' } as const;
 * try {
 *   await agent.messaging.send(reply);
 * } catch (error) {
 *   if (!(error instanceof MessageTagRequiredError)) throw error;
 *   await agent.messaging.send({ ...reply, message_tag: 'HUMAN_AGENT' });
 * }
 * ```
 */
export class MessageTagRequiredError extends InvalidStateError {}

/**
 * 409 `RECIPIENT_OPTED_OUT`: the customer opted out (an SMS or WhatsApp `STOP`), or the email
 * address is suppressed (a spam report, an earlier bounce). Sending again will not help.
 *
 * @example
 * ```ts
 * import { OmniClient, RecipientOptedOutError } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * const agent = client.agent(await client.authorize('agent1', 'password1'));
 * try {
 *   await agent.messaging.send({ channel: 'sms', to: '0800666009', body: 'Your appointment is at 10:00' });
 * } catch (error) {
 *   if (error instanceof RecipientOptedOutError) console.log('mark the contact "do not message"');
 *   else throw error;
 * }
 * ```
 */
export class RecipientOptedOutError extends InvalidStateError {}

/**
 * 409 `TEMPLATE_NOT_APPROVED`: the WhatsApp template is still `pending` or was `rejected`.
 *
 * @example
 * ```ts
 * import { OmniClient, TemplateNotApprovedError } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * const agent = client.agent(await client.authorize('agent1', 'password1'));
 * const template = { template_name: 'order_update', language: 'en', variables: ['Thandi', 'A-1001'] };
 * try {
 *   await agent.messaging.send({ channel: 'whatsapp', to: '0821234567', template });
 * } catch (error) {
 *   if (error instanceof TemplateNotApprovedError) console.log('wait for Meta to approve the template');
 *   else throw error;
 * }
 * ```
 */
export class TemplateNotApprovedError extends InvalidStateError {}

/**
 * 400 `TEMPLATE_VARIABLES_MISMATCH`: the number of `variables` differs from the template's
 * `{{n}}` placeholders (`fieldErrors` names `template.variables`).
 *
 * @example
 * ```ts
 * import { OmniClient, TemplateVariablesError } from '@omnikit/sdk';
 *
 * const client = new OmniClient({ baseUrl: 'http://127.0.0.1:4010', systemKey: 'omni-demo-key' });
 * const agent = client.agent(await client.authorize('agent1', 'password1'));
 * const template = { template_name: 'order_update', language: 'en', variables: ['Thandi'] };
 * try {
 *   await agent.messaging.send({ channel: 'whatsapp', to: '0821234567', template });
 * } catch (error) {
 *   if (error instanceof TemplateVariablesError) console.log(error.fieldErrors); // template.variables …
 *   else throw error;
 * }
 * ```
 */
export class TemplateVariablesError extends ValidationError {}
