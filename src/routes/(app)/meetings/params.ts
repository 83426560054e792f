import { idParam } from '$lib/server/http';

export function meetingIdOf(params: { id: string }): number {
	return idParam(params.id);
}
