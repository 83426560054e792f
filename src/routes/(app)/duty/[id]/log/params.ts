import { error } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';

/** A positive id from a URL segment; anything else is a 404. */
export function idParam(value: string): number {
	const id = Number(value);
	if (!Number.isInteger(id) || id <= 0) error(404, m.error_not_found());
	return id;
}

export function dateParam(value: string): string {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) error(404, m.error_not_found());
	return value;
}
