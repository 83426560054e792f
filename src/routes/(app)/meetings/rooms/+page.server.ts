import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { calendarDateIn, isCalendarDate } from '$lib/domain/working-days';
import { zonedToInstant } from '$lib/domain/zoned-time';
import { getDb, type DB } from '$lib/server/db';
import { ValidationError } from '$lib/server/errors';
import { requireActor } from '$lib/server/http';
import { canManageRooms } from '$lib/server/permissions';
import {
	createRoom,
	freeRoomsFor,
	listRooms,
	setRoomActive,
	updateRoom
} from '$lib/server/rooms/rooms.service';
import { getSettings } from '$lib/server/settings/settings.service';
import { parseInput } from '$lib/server/validation';
import { catalogueActions } from '$lib/server/catalogue-actions';
import { now } from '$lib/server/clock';
import type { Actions, PageServerLoad } from './$types';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: () => m.rooms_err_time() });
const participantsError = { error: () => m.rooms_err_participants() };

// The finder asks in the office's wall time on one day; the service works in UTC instants.
const finderSchema = z
	.object({
		date: z.string().refine(isCalendarDate, { error: () => m.err_date() }),
		start: clock,
		end: clock,
		participants: z.preprocess(
			(v) => (v === '' || v == null ? undefined : v),
			z.coerce
				.number(participantsError)
				.int(participantsError)
				.min(1, participantsError)
				.max(10000, participantsError)
				.optional()
		)
	})
	.refine((q) => q.start < q.end, {
		path: ['end'],
		error: () => m.rooms_err_end_before_start()
	});

const FINDER_FIELDS = ['date', 'start', 'end', 'participants'] as const;

async function runFinder(db: DB, url: URL, timeZone: string) {
	const values = Object.fromEntries(FINDER_FIELDS.map((k) => [k, url.searchParams.get(k) ?? '']));
	if (!url.searchParams.has('date')) return { values, errors: {}, rooms: null };
	try {
		const q = parseInput(finderSchema, values);
		const startsAt = zonedToInstant(q.date, q.start, timeZone);
		const endsAt = zonedToInstant(q.date, q.end, timeZone);
		return { values, errors: {}, rooms: await freeRoomsFor(db, startsAt, endsAt, q.participants) };
	} catch (e) {
		if (e instanceof ValidationError) return { values, errors: e.fields, rooms: null };
		throw e;
	}
}

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	// Everyone signed in may look; admin and office keep the catalogue (the service checks too).
	const canManage = canManageRooms(actor);
	const { timeZone } = await getSettings(db);
	const rooms = await listRooms(db, { includeInactive: canManage });
	const editId = Number(event.url.searchParams.get('edit'));
	return {
		rooms,
		canManage,
		editing: (canManage && rooms.find((r) => r.id === editId)) || null,
		finder: await runFinder(db, event.url, timeZone),
		today: calendarDateIn(now(), timeZone),
		timeZone
	};
};

export const actions: Actions = catalogueActions({
	create: createRoom,
	update: updateRoom,
	setActive: setRoomActive
});
