/**
 * A personal access token of the JSON API (/api/v1): its name, scope ('read' answers GET only,
 * 'write' also the commands) and how many days it lives (1–365, 90 unless said).
 */
import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { choiceId, oneOf, requiredText, wholeNumber } from '../fields';

export const API_SCOPES = ['read', 'write'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;

export const apiTokenSchema = z.object({
	name: requiredText(40),
	scope: oneOf(API_SCOPES).default('read'),
	days: wholeNumber(1, MAX_TOKEN_DAYS, () => m.api_token_err_days({ max: MAX_TOKEN_DAYS })).default(
		DEFAULT_TOKEN_DAYS
	)
});
export type ApiTokenInput = z.input<typeof apiTokenSchema>;

/** Revoking one of my tokens: its id. */
export const apiTokenRevokeSchema = z.object({ id: choiceId() });
export type ApiTokenRevokeInput = z.input<typeof apiTokenRevokeSchema>;
