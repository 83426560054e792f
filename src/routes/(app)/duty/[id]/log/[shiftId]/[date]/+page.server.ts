import { instantToZonedDate, instantToZonedTime } from '$lib/domain/zoned-time';
import { getDb } from '$lib/server/db';
import { getShiftLog } from '$lib/server/duty/log.query';
import { acknowledgeHandover, addLogEntry, writeHandover } from '$lib/server/duty/log.service';
import { acknowledgeSchema, handoverSchema, logEntrySchema } from '$lib/server/duty/log.schema';
import { formAction, formInput, orHttpError, requireActor } from '$lib/server/http';
import { markLinkRead } from '$lib/server/notifications/notifications.service';
import { getSettings } from '$lib/server/settings/settings.service';
import { dateParam, idParam } from '../../params';
import * as clock from '$lib/server/clock';
import type { Actions, PageServerLoad } from './$types';

function instanceOf(params: { id: string; shiftId: string; date: string }) {
	return {
		periodId: idParam(params.id),
		shiftId: idParam(params.shiftId),
		date: dateParam(params.date)
	};
}

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const at = instanceOf(event.params);
	const log = await orHttpError(getShiftLog(db, actor, at.periodId, at.shiftId, at.date));
	await markLinkRead(db, actor, event.url.pathname);
	// The entry form starts at "now" while the shift is on, else at the start of the shift.
	const { timeZone } = await getSettings(db);
	const now = clock.now().getTime();
	const on = now >= Date.parse(log.shift.startsAt) && now <= Date.parse(log.shift.endsAt);
	const start = on ? new Date(now).toISOString() : log.shift.startsAt;
	return {
		...log,
		defaults: {
			date: instantToZonedDate(start, timeZone),
			time: on ? instantToZonedTime(start, timeZone) : ''
		}
	};
};

// Each form posts `_done` (add, handover, acknowledge) for the banner, and the kit's `_form`,
// so a refusal shows on the form that was posted.
export const actions: Actions = {
	add: formAction((actor, f, e) =>
		addLogEntry(getDb(), actor, { ...formInput(f, logEntrySchema), ...instanceOf(e.params) })
	),
	handover: formAction((actor, f, e) =>
		writeHandover(getDb(), actor, { ...formInput(f, handoverSchema), ...instanceOf(e.params) })
	),
	acknowledge: formAction((actor, f) =>
		acknowledgeHandover(getDb(), actor, formInput(f, acknowledgeSchema))
	)
};
