import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { checkbox, oneOf, requiredText, text, wholeNumber } from '../fields';
import { MAX_ID } from '../validation';
import { isWebhookUrl, WEBHOOK_EVENTS, WEBHOOK_FORMATS } from './webhooks.format';

/** An endpoint as the administrator registers or edits it. */
export const webhookSchema = z.object({
	name: requiredText(60),
	url: requiredText(1000).refine(isWebhookUrl, { error: () => m.webhooks_err_url() }),
	format: oneOf(WEBHOOK_FORMATS),
	/** A new secret; '' keeps the saved one (an edit never shows it). */
	secret: text(200),
	/** Removes the saved secret. */
	clearSecret: checkbox(),
	events: z
		.array(z.enum(WEBHOOK_EVENTS, { error: () => m.webhooks_err_events() }))
		.default([])
		.refine((e) => e.length > 0, { error: () => m.webhooks_err_events() }),
	enabled: checkbox()
});
export type WebhookInput = z.input<typeof webhookSchema>;

/** An edit names the version it was made from (compare-and-set). */
export const webhookEditSchema = webhookSchema.extend({
	version: wholeNumber(1, MAX_ID, () => m.webhooks_err_changed())
});
export type WebhookEditInput = z.input<typeof webhookEditSchema>;
