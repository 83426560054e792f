import { error } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';

export function meetingIdOf(params: { id: string }): number {
	const id = Number(params.id);
	if (!Number.isInteger(id) || id <= 0) error(404, m.error_not_found());
	return id;
}
