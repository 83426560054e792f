import { z } from 'zod';
import { ValidationError } from './errors';

z.config(z.locales.zhCN());

/** Parses input with a zod schema; a failure becomes a ValidationError keyed by field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
	const parsed = schema.safeParse(input);
	if (parsed.success) return parsed.data;
	const fields: Record<string, string> = {};
	for (const issue of parsed.error.issues) {
		const key = issue.path.join('.') || '_';
		fields[key] ??= issue.message;
	}
	throw new ValidationError(fields);
}
