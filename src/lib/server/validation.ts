import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { ValidationError } from './errors';

z.config(z.locales.zhCN());

/** The largest id a row can have (PostgreSQL serial). */
export const MAX_ID = 2_147_483_647;

/** Whether `n` is an id a row can have; anything else names no record. */
export function isRecordId(n: number): boolean {
	return Number.isInteger(n) && n > 0 && n <= MAX_ID;
}

/** The path of the first string in `input` holding NUL (PostgreSQL cannot store it), or null. */
function nulPath(input: unknown, path: string[] = []): string[] | null {
	if (typeof input === 'string') return input.includes('\0') ? path : null;
	if (input && typeof input === 'object' && !(input instanceof Uint8Array)) {
		for (const [k, v] of Object.entries(input)) {
			const found = nulPath(v, [...path, k]);
			if (found) return found;
		}
	}
	return null;
}

/**
 * Parses input with a zod schema; a failure becomes a ValidationError keyed by field. Every
 * service's text passes here, so text holding a NUL character is refused here, once.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
	const nul = nulPath(input);
	if (nul) {
		throw new ValidationError({ [nul.join('.') || '_']: m.error_nul_char() });
	}
	const parsed = schema.safeParse(input);
	if (parsed.success) return parsed.data;
	const fields: Record<string, string> = {};
	for (const issue of parsed.error.issues) {
		const key = issue.path.join('.') || '_';
		fields[key] ??= issue.message;
	}
	throw new ValidationError(fields);
}
