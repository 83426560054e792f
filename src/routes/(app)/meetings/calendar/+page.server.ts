import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http';
import { CALENDAR_SCOPES, type CalendarScope } from '$lib/server/meetings/calendar.service';
import { canSeeAllMeetings } from '$lib/server/permissions';
import { listRooms } from '$lib/server/rooms/rooms.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const rooms = (await listRooms(getDb())).map((r) => ({ id: r.id, name: r.name }));
	const canSeeAll = canSeeAllMeetings(actor);
	const scopes = CALENDAR_SCOPES.filter((s) => s !== 'all' || canSeeAll);
	const asked = event.url.searchParams.get('scope') as CalendarScope;
	const scope: CalendarScope = scopes.includes(asked) ? asked : 'mine';
	const askedRoom = Number(event.url.searchParams.get('room'));
	const roomId = rooms.find((r) => r.id === askedRoom)?.id ?? rooms[0]?.id ?? null;
	return { scope, scopes, rooms, roomId };
};
