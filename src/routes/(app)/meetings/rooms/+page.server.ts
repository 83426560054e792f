import { calendarDateIn } from '$lib/domain/working-days';
import { getDb, type DB } from '$lib/server/db';
import { formAction, formInput } from '$lib/server/http';
import { seatingSettingsSchema } from '$lib/server/seating/seating.schema';
import { getSeatingSettings, saveSeatingSettings } from '$lib/server/seating/settings.service';
import { ValidationError } from '$lib/server/errors';
import { requireActor } from '$lib/server/http';
import { canManageRooms } from '$lib/server/permissions';
import { roomFinderSchema, roomSchema, type RoomFinderInput } from '$lib/server/rooms/rooms.schema';
import {
	createRoom,
	findFreeRoomsFor,
	listRooms,
	setRoomActive,
	updateRoom
} from '$lib/server/rooms/rooms.service';
import { getSettings } from '$lib/server/settings/settings.service';
import { catalogueActions } from '$lib/server/catalogue-actions';
import { now } from '$lib/server/clock';
import type { Actions, PageServerLoad } from './$types';

/** The finder is a GET form: its fields come from the address, named as the schema names them. */
async function runFinder(db: DB, url: URL) {
	const values = Object.fromEntries(
		Object.keys(roomFinderSchema.shape).map((k) => [k, url.searchParams.get(k) ?? ''])
	) as Record<keyof RoomFinderInput, string>;
	if (!url.searchParams.has('date')) return { values, errors: {}, rooms: null };
	try {
		return { values, errors: {}, rooms: await findFreeRoomsFor(db, values) };
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
		finder: await runFinder(db, event.url),
		// The office's seating default (座次 n=2 order), kept beside the rooms' templates.
		seating: canManage ? await getSeatingSettings(db) : null,
		today: calendarDateIn(now(), timeZone),
		timeZone
	};
};

const catalogue = catalogueActions({
	schema: roomSchema,
	create: createRoom,
	update: updateRoom,
	setActive: setRoomActive
});

export const actions: Actions = {
	save: catalogue.save,
	toggle: catalogue.toggle,
	// The office's seating default (the n=2 rostrum order), beside the rooms' seating templates.
	seatingSettings: formAction((actor, form) =>
		saveSeatingSettings(getDb(), actor, formInput(form, seatingSettingsSchema))
	)
};
